package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.pki.ClientCertificate;
import br.com.ponte.sandbox.token.AccessToken;
import br.com.ponte.sandbox.token.AccessTokens;
import br.com.ponte.sandbox.fapi.Tpp.Authorization;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static br.com.ponte.sandbox.fapi.DynamicClientRegistrationIT.error;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorisation code flow of FAPI 1.0 Advanced with the Brazil profile, end to end over mutual
 * TLS: PAR with a signed request object, the user's decision, the token endpoint with PKCE, refresh.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class AuthorizationCodeFlowIT {

    static final String CPF = "76109277673";

    @Inject
    AccessTokens accessTokens;

    @Test
    void theHybridFlowFromPushedRequestToRefreshedTokens() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code id_token");
        String requestUri = tpp.push(authorization);

        HttpResponse<String> page = TlsClient.anonymous().get(Sandbox.bank("/authorize?client_id="
                + encode(tpp.clientId) + "&request_uri=" + encode(requestUri)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Ponte test client", "name=\"cpf\"", "value=\"approve\"", "value=\"reject\"",
                "<label for=\"cpf\">");

        HttpResponse<String> redirect = tpp.decide(requestUri, CPF, "approve");
        assertThat(redirect.statusCode()).isEqualTo(303);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(Software.REDIRECT_URI + "#");
        Map<String, String> response = parameters(URI.create(location).getRawFragment());
        assertThat(response).containsOnlyKeys("code", "id_token", "state");
        assertThat(response.get("state")).isEqualTo(authorization.state());

        JwtClaims front = IdTokenCheck.verify(response.get("id_token"), tpp.clientId);
        assertThat(front.getStringClaimValue("nonce")).isEqualTo(authorization.nonce());
        assertThat(front.getStringClaimValue("c_hash")).isEqualTo(IdTokenCheck.leftHalfHash(response.get("code")));
        assertThat(front.getStringClaimValue("s_hash")).isEqualTo(IdTokenCheck.leftHalfHash(authorization.state()));
        assertThat(front.getStringClaimValue("acr")).isEqualTo("urn:brasil:openbanking:loa2");
        assertThat(front.getClaimValue("auth_time", Long.class)).isNotNull();
        assertThat(front.getExpirationTime().getValue() - front.getIssuedAt().getValue()).isLessThanOrEqualTo(3600);
        assertThat(front.getSubject()).doesNotContain(CPF);

        HttpResponse<String> exchanged = tpp.token(codeExchange(response.get("code"), authorization));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(exchanged.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode tokens = Json.of(exchanged);
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asInt()).isBetween(300, 900);
        assertThat(tokens.get("scope").asText()).isEqualTo("openid payments");
        String accessToken = tokens.get("access_token").asText();
        JwtClaims back = IdTokenCheck.verify(tokens.get("id_token").asText(), tpp.clientId);
        assertThat(back.getSubject()).isEqualTo(front.getSubject());
        assertThat(back.getStringClaimValue("nonce")).isEqualTo(authorization.nonce());
        assertThat(back.getStringClaimValue("at_hash")).isEqualTo(IdTokenCheck.leftHalfHash(accessToken));

        String subject = front.getSubject();
        Optional<AccessToken> bound = accessTokens.verify(accessToken, new ClientCertificate(tpp.software.transport.certificate()));
        assertThat(bound).hasValueSatisfying(token -> {
            assertThat(token.clientId()).isEqualTo(tpp.clientId);
            assertThat(token.subject()).isEqualTo(subject);
        });
        assertThat(accessTokens.verify(accessToken, new ClientCertificate(tpp.software.signing.certificate()))).isEmpty();

        String refreshToken = tokens.get("refresh_token").asText();
        HttpResponse<String> refreshed = tpp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode renewed = Json.of(refreshed);
        assertThat(renewed.get("access_token").asText()).isNotEqualTo(accessToken);
        assertThat(renewed.get("refresh_token").asText()).isNotEqualTo(refreshToken);
        assertThat(IdTokenCheck.verify(renewed.get("id_token").asText(), tpp.clientId).getSubject()).isEqualTo(front.getSubject());

        HttpResponse<String> reused = tpp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(error(reused)).isEqualTo("invalid_grant");
        HttpResponse<String> again = tpp.token(Map.of("grant_type", "refresh_token", "refresh_token",
                renewed.get("refresh_token").asText()));
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode latest = Json.of(again);

        // the code presented a second time: refused, and every token issued on it ends (RFC 6749 4.1.2)
        HttpResponse<String> codeAgain = tpp.token(codeExchange(response.get("code"), authorization));
        assertThat(codeAgain.statusCode()).isEqualTo(400);
        assertThat(error(codeAgain)).isEqualTo("invalid_grant");
        ClientCertificate transport = new ClientCertificate(tpp.software.transport.certificate());
        assertThat(accessTokens.verify(accessToken, transport)).isEmpty();
        assertThat(accessTokens.verify(latest.get("access_token").asText(), transport)).isEmpty();
        assertRefused(tpp.token(Map.of("grant_type", "refresh_token", "refresh_token", latest.get("refresh_token").asText())),
                "invalid_grant");
    }

    @Test
    void responseTypeCodeAnswersWithASignedJwtInTheQuery() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code").withResponseMode("jwt");

        HttpResponse<String> redirect = tpp.decide(tpp.push(authorization), CPF, "approve");

        // JARM 2.3.4: jwt with code means query.jwt; one parameter, the response
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(Software.REDIRECT_URI + "?response=");
        Map<String, String> sent = parameters(URI.create(location).getRawQuery());
        assertThat(sent).containsOnlyKeys("response");
        JwtClaims jarm = AuthorizationResponse.verified(sent.get("response"), tpp.clientId, Brand.SANDBOX);
        assertThat(jarm.getClaimNames()).containsExactlyInAnyOrder("iss", "aud", "exp", "iat", "code", "state");
        assertThat(jarm.getStringClaimValue("state")).isEqualTo(authorization.state());
        assertThat(jarm.getExpirationTime().getValue() - jarm.getIssuedAt().getValue()).isBetween(1L, 600L);
        JsonWebSignature signature = new JsonWebSignature();
        signature.setCompactSerialization(sent.get("response"));
        assertThat(signature.getAlgorithmHeaderValue()).isEqualTo("PS256");

        HttpResponse<String> exchanged = tpp.token(codeExchange(jarm.getStringClaimValue("code"), authorization));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        assertThat(IdTokenCheck.verify(Json.of(exchanged).get("id_token").asText(), tpp.clientId)
                .getStringClaimValue("nonce")).isEqualTo(authorization.nonce());

        // fragment.jwt: the same JWT in the fragment
        Authorization inFragment = Authorization.of("code").withResponseMode("fragment.jwt");
        String fragment = tpp.decide(tpp.push(inFragment), CPF, "approve").headers().firstValue("Location").orElseThrow();
        assertThat(fragment).startsWith(Software.REDIRECT_URI + "#response=");
        assertThat(AuthorizationResponse.read(fragment, tpp.clientId)).containsOnlyKeys("code", "state");
    }

    @Test
    void theHybridFlowUnderJarmCarriesTheIdTokenInsideTheFragmentJwt() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code id_token").withResponseMode("jwt");

        String location = tpp.decide(tpp.push(authorization), CPF, "approve").headers().firstValue("Location").orElseThrow();

        assertThat(location).startsWith(Software.REDIRECT_URI + "#response=");
        Map<String, String> response = AuthorizationResponse.read(location, tpp.clientId);
        assertThat(response).containsOnlyKeys("code", "id_token", "state");
        JwtClaims idToken = IdTokenCheck.verify(response.get("id_token"), tpp.clientId);
        assertThat(idToken.getStringClaimValue("c_hash")).isEqualTo(IdTokenCheck.leftHalfHash(response.get("code")));
    }

    @Test
    void responseTypeCodeWithoutJarmOrAnIdTokenInTheQueryIsRefused() {
        Tpp tpp = Tpp.register();
        // FAPI 1.0 Advanced 5.2.2-2: code only with response_mode jwt
        assertRefused(tpp.pushRequestObject(tpp.sign(Authorization.of("code").withResponseMode(null)
                .requestClaims(tpp))), "invalid_request_object");
        assertRefused(tpp.pushRequestObject(tpp.sign(Authorization.of("code").withResponseMode("query")
                .requestClaims(tpp))), "invalid_request_object");
        assertRefused(tpp.pushRequestObject(tpp.sign(Authorization.of("code").withResponseMode("fragment")
                .requestClaims(tpp))), "invalid_request_object");
        // JARM 2.3.1: no unencrypted id_token in the query
        assertRefused(tpp.pushRequestObject(tpp.sign(Authorization.of("code id_token").withResponseMode("query.jwt")
                .requestClaims(tpp))), "invalid_request_object");
        assertRefused(tpp.pushRequestObject(tpp.sign(Authorization.of("code id_token").withResponseMode("query")
                .requestClaims(tpp))), "invalid_request_object");
        assertRefused(tpp.pushRequestObject(tpp.sign(Authorization.of("code").withResponseMode("form_post.jwt")
                .requestClaims(tpp))), "invalid_request_object");
    }

    @Test
    void refreshTokensRotateUnlessTheBankTurnsRotationOffForTheClient() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code");
        String refreshToken = Json.of(tpp.token(codeExchange(approvedCode(tpp, authorization), authorization)))
                .get("refresh_token").asText();
        String rotation = "/sandbox/clients/" + tpp.clientId + "/refresh-token-rotation";
        given().get(rotation).then().statusCode(200).body("rotate", equalTo(true));

        // fapi-id3 5.2.2-17: off, the same refresh token serves again and again, and no new one is answered
        given().contentType("application/json").body("{\"rotate\": false}").put(rotation)
                .then().statusCode(200).body("rotate", equalTo(false));
        for (int use = 0; use < 2; use++) {
            HttpResponse<String> refreshed = tpp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            assertThat(Json.of(refreshed).has("refresh_token")).isFalse();
            assertThat(Json.of(refreshed).get("access_token").asText()).isNotBlank();
        }

        // on again: the next use spends it
        given().contentType("application/json").body("{\"rotate\": true}").put(rotation).then().statusCode(200);
        HttpResponse<String> rotated = tpp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(Json.of(rotated).get("refresh_token").asText()).isNotEqualTo(refreshToken);
        assertRefused(tpp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)), "invalid_grant");

        given().contentType("application/json").body("{}").put(rotation).then().statusCode(400);
        given().get("/sandbox/clients/unknown-client/refresh-token-rotation").then().statusCode(404);
    }

    @Test
    void theClaimsParameterAsksForTheUsersCpfAndCnpjInTheIdTokenAndAtUserinfo() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code id_token");
        Map<String, Object> userinfoClaims = new LinkedHashMap<>();
        userinfoClaims.put("cpf", null);
        userinfoClaims.put("cnpj", Map.of("essential", true));
        Map<String, Object> request = authorization.requestClaims(tpp);
        request.put("claims", Map.of(
                "id_token", Map.of("cpf", Map.of("essential", true, "value", Customers.REPRESENTATIVE_CPF),
                        "acr", Map.of("essential", true, "values", java.util.List.of("urn:brasil:openbanking:loa2"))),
                "userinfo", userinfoClaims));
        String requestUri = Json.of(tpp.pushRequestObject(tpp.sign(request))).get("request_uri").asText();

        // fapi-id3 5.2.2.2: an essential cpf the user does not meet is a failed authentication, the request stays
        HttpResponse<String> otherUser = tpp.decide(requestUri, CPF, "approve");
        assertThat(otherUser.statusCode()).isEqualTo(400);
        assertThat(otherUser.body()).contains("outro CPF");
        HttpResponse<String> redirect = tpp.decide(requestUri, Customers.REPRESENTATIVE_CPF, "approve");
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(303);
        Map<String, String> response = AuthorizationResponse.read(redirect.headers().firstValue("Location").orElseThrow(),
                tpp.clientId);

        // no PII in the front channel; the token endpoint's id_token carries the cpf asked for
        JwtClaims front = IdTokenCheck.verify(response.get("id_token"), tpp.clientId);
        assertThat(front.hasClaim("cpf")).isFalse();
        JsonNode tokens = Json.of(tpp.token(codeExchange(response.get("code"), authorization)));
        JwtClaims back = IdTokenCheck.verify(tokens.get("id_token").asText(), tpp.clientId);
        assertThat(back.getStringClaimValue("cpf")).isEqualTo(Customers.REPRESENTATIVE_CPF);
        assertThat(back.hasClaim("cnpj")).isFalse();

        // userinfo (fapi-id3 5.2.2-8), certificate-bound like every access token
        String accessToken = tokens.get("access_token").asText();
        HttpResponse<String> userinfo = tpp.tls.get(Sandbox.bank("/userinfo"), "Authorization", "Bearer " + accessToken);
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode claims = Json.of(userinfo);
        assertThat(claims.get("sub").asText()).isEqualTo(front.getSubject());
        assertThat(claims.get("cpf").asText()).isEqualTo(Customers.REPRESENTATIVE_CPF);
        assertThat(claims.get("cnpj")).hasSize(1);
        assertThat(claims.get("cnpj").get(0).asText()).isEqualTo(Customers.COMPANY_CNPJ);
        HttpResponse<String> byPost = tpp.tls.postForm(Sandbox.bank("/userinfo"), Map.of());
        assertThat(byPost.statusCode()).isEqualTo(401);
        assertThat(byPost.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).contains("invalid_token"));
        HttpResponse<String> otherCertificate = Tpp.register().tls.get(Sandbox.bank("/userinfo"),
                "Authorization", "Bearer " + accessToken);
        assertThat(otherCertificate.statusCode()).isEqualTo(401);
        String clientToken = Json.of(tpp.token(Map.of("grant_type", "client_credentials", "scope", "payments")))
                .get("access_token").asText();
        assertThat(tpp.tls.get(Sandbox.bank("/userinfo"), "Authorization", "Bearer " + clientToken).statusCode())
                .isEqualTo(401);

        // a refreshed id_token still carries it
        JsonNode refreshed = Json.of(tpp.token(Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.get("refresh_token").asText())));
        assertThat(IdTokenCheck.verify(refreshed.get("id_token").asText(), tpp.clientId).getStringClaimValue("cpf"))
                .isEqualTo(Customers.REPRESENTATIVE_CPF);

        // 5.2.2.3: an essential cnpj for a user who represents no company fails the authentication
        Map<String, Object> cnpjRequest = Authorization.of("code id_token").requestClaims(tpp);
        cnpjRequest.put("claims", Map.of("id_token", Map.of("cnpj", Map.of("essential", true))));
        String cnpjUri = Json.of(tpp.pushRequestObject(tpp.sign(cnpjRequest))).get("request_uri").asText();
        assertThat(tpp.decide(cnpjUri, CPF, "approve").statusCode()).isEqualTo(400);

        // a malformed claims parameter is a bad request object
        for (Object malformed : java.util.List.of("cpf", Map.of("id_token", "cpf"),
                Map.of("id_token", Map.of("cpf", Map.of("essential", "yes"))))) {
            Map<String, Object> bad = Authorization.of("code id_token").requestClaims(tpp);
            bad.put("claims", malformed);
            assertRefused(tpp.pushRequestObject(tpp.sign(bad)), "invalid_request_object");
        }
    }

    @Test
    void aRejectedRequestRedirectsWithAccessDeniedAndServesOnce() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code id_token");
        String requestUri = tpp.push(authorization);

        HttpResponse<String> redirect = tpp.decide(requestUri, "", "reject");

        assertThat(redirect.statusCode()).isEqualTo(303);
        Map<String, String> response = parameters(URI.create(redirect.headers().firstValue("Location").orElseThrow())
                .getRawFragment());
        assertThat(response.get("error")).isEqualTo("access_denied");
        assertThat(response.get("state")).isEqualTo(authorization.state());
        assertThat(response).doesNotContainKey("code");
        assertThat(tpp.decide(requestUri, CPF, "approve").statusCode()).isEqualTo(400);
        assertThat(TlsClient.anonymous().get(Sandbox.bank("/authorize?client_id=" + encode(tpp.clientId)
                + "&request_uri=" + encode(requestUri))).statusCode()).isEqualTo(400);
    }

    @Test
    void aMalformedCpfKeepsTheUserOnThePage() throws Exception {
        Tpp tpp = Tpp.register();
        String requestUri = tpp.push(Authorization.of("code id_token"));

        HttpResponse<String> page = tpp.decide(requestUri, "123.456.789-00", "approve");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("role=\"alert\"", "aria-invalid=\"true\"");
        assertThat(tpp.decide(requestUri, CPF, "approve").statusCode()).isEqualTo(303);
    }

    @Test
    void theSubjectIsStablePerCpfAndOpaque() throws Exception {
        Tpp tpp = Tpp.register();

        String first = approvedIdToken(tpp, CPF).getSubject();
        String again = approvedIdToken(tpp, CPF).getSubject();
        String other = approvedIdToken(tpp, "11144477735").getSubject();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theCodeNeedsTheVerifierAndTheRedirectUriOfItsRequest() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code id_token");

        Map<String, String> wrongVerifier = codeExchange(approvedCode(tpp, authorization), authorization);
        wrongVerifier.put("code_verifier", Tpp.random());
        HttpResponse<String> pkceMismatch = tpp.token(wrongVerifier);
        assertThat(pkceMismatch.statusCode()).isEqualTo(400);
        assertThat(error(pkceMismatch)).isEqualTo("invalid_grant");

        Map<String, String> wrongRedirect = codeExchange(approvedCode(tpp, authorization), authorization);
        wrongRedirect.put("redirect_uri", Software.OTHER_REDIRECT_URI);
        HttpResponse<String> redirectMismatch = tpp.token(wrongRedirect);
        assertThat(redirectMismatch.statusCode()).isEqualTo(400);
        assertThat(error(redirectMismatch)).isEqualTo("invalid_grant");
    }

    @Test
    void clientCredentialsGiveACertificateBoundTokenForServiceScopesOnly() throws Exception {
        Tpp tpp = Tpp.register();

        HttpResponse<String> granted = tpp.token(Map.of("grant_type", "client_credentials", "scope", "payments"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        JsonNode tokens = Json.of(granted);
        assertThat(tokens.has("refresh_token")).isFalse();
        assertThat(tokens.get("scope").asText()).isEqualTo("payments");
        assertThat(accessTokens.verify(tokens.get("access_token").asText(),
                new ClientCertificate(tpp.software.transport.certificate()))).isPresent();

        HttpResponse<String> openid = tpp.token(Map.of("grant_type", "client_credentials", "scope", "openid"));
        assertThat(openid.statusCode()).isEqualTo(400);
        assertThat(error(openid)).isEqualTo("invalid_scope");

        HttpResponse<String> password = tpp.token(Map.of("grant_type", "password", "username", "u", "password", "p"));
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(error(password)).isEqualTo("unsupported_grant_type");
    }

    @Test
    void deletingTheRegistrationEndsTheClientsTokens() throws Exception {
        Tpp tpp = Tpp.register();
        String accessToken = Json.of(tpp.token(Map.of("grant_type", "client_credentials", "scope", "payments")))
                .get("access_token").asText();
        ClientCertificate certificate = new ClientCertificate(tpp.software.transport.certificate());
        assertThat(accessTokens.verify(accessToken, certificate)).isPresent();

        assertThat(tpp.tls.delete(Sandbox.bank("/register/" + tpp.clientId), "Authorization",
                "Bearer " + tpp.registrationAccessToken).statusCode()).isEqualTo(204);

        assertThat(accessTokens.verify(accessToken, certificate)).isEmpty();
        assertThat(tpp.token(Map.of("grant_type", "client_credentials", "scope", "payments")).statusCode()).isEqualTo(401);
    }

    @Test
    void aRequestObjectMustBeSignedByTheClientAndFollowTheProfile() throws Exception {
        Tpp tpp = Tpp.register();
        Authorization authorization = Authorization.of("code id_token");

        String wrongKey = Tpp.sign(authorization.requestClaims(tpp), tpp.software.transport.privateKey(), tpp.software.signingKid);
        assertRefused(tpp.pushRequestObject(wrongKey), "invalid_request_object");

        assertRefused(tpp.pushRequestObject(tpp.sign(authorization.withRedirectUri("https://tpp.example/unregistered")
                .requestClaims(tpp))), "invalid_request");

        // RFC 7636 4.4.1: without PKCE, or with plain, invalid_request
        Map<String, Object> noPkce = authorization.requestClaims(tpp);
        noPkce.remove("code_challenge");
        noPkce.remove("code_challenge_method");
        assertRefused(tpp.pushRequestObject(tpp.sign(noPkce)), "invalid_request");
        Map<String, Object> plainPkce = authorization.requestClaims(tpp);
        plainPkce.put("code_challenge", authorization.codeVerifier());
        plainPkce.put("code_challenge_method", "plain");
        assertRefused(tpp.pushRequestObject(tpp.sign(plainPkce)), "invalid_request");

        // Brazil FAPI 5.2.2-21
        Map<String, Object> withIdTokenHint = authorization.requestClaims(tpp);
        withIdTokenHint.put("id_token_hint", approvedIdTokenJwt(tpp));
        assertRefused(tpp.pushRequestObject(tpp.sign(withIdTokenHint)), "invalid_request_object");

        Map<String, Object> noOpenid = authorization.requestClaims(tpp);
        noOpenid.put("scope", "payments");
        assertRefused(tpp.pushRequestObject(tpp.sign(noOpenid)), "invalid_request_object");

        Map<String, Object> tooLong = authorization.requestClaims(tpp);
        tooLong.put("exp", (Long) tooLong.get("nbf") + 3601);
        assertRefused(tpp.pushRequestObject(tpp.sign(tooLong)), "invalid_request_object");

        Map<String, Object> otherAudience = authorization.requestClaims(tpp);
        otherAudience.put("aud", "https://another-bank.example");
        assertRefused(tpp.pushRequestObject(tpp.sign(otherAudience)), "invalid_request_object");

        Map<String, Object> noNonce = authorization.requestClaims(tpp);
        noNonce.remove("nonce");
        assertRefused(tpp.pushRequestObject(tpp.sign(noNonce)), "invalid_request_object");

        String once = tpp.sign(authorization.requestClaims(tpp));
        assertThat(tpp.pushRequestObject(once).statusCode()).isEqualTo(201);
        assertRefused(tpp.pushRequestObject(once), "invalid_request_object");
    }

    private static void assertRefused(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(error(response)).isEqualTo(error);
    }

    private static String approvedCode(Tpp tpp, Authorization authorization) {
        HttpResponse<String> redirect = tpp.decide(tpp.push(authorization), CPF, "approve");
        return AuthorizationResponse.read(redirect.headers().firstValue("Location").orElseThrow(), tpp.clientId).get("code");
    }

    /** An id_token the bank issued this client, as a client would hold it. */
    private static String approvedIdTokenJwt(Tpp tpp) {
        HttpResponse<String> redirect = tpp.decide(tpp.push(Authorization.of("code id_token")), CPF, "approve");
        return parameters(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawFragment()).get("id_token");
    }

    private static JwtClaims approvedIdToken(Tpp tpp, String cpf) throws Exception {
        HttpResponse<String> redirect = tpp.decide(tpp.push(Authorization.of("code id_token")), cpf, "approve");
        return IdTokenCheck.verify(parameters(URI.create(redirect.headers().firstValue("Location").orElseThrow())
                .getRawFragment()).get("id_token"), tpp.clientId);
    }

    private static Map<String, String> codeExchange(String code, Authorization authorization) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", authorization.redirectUri());
        form.put("code_verifier", authorization.codeVerifier());
        return form;
    }

    static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
