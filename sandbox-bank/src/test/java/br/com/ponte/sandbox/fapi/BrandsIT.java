package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.fapi.Tpp.Authorization;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.DynamicClientRegistrationIT.error;
import static br.com.ponte.sandbox.fapi.Software.call;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two institutions the sandbox plays: Banco Horizonte is an authorisation server of its own
 * under {@code /horizonte}, with its own discovery document, key, clients and tokens, and without
 * the payments API; nothing of one brand works at the other.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class BrandsIT {

    @Test
    void horizontePublishesItsOwnDiscoveryKeyAndLogo() throws Exception {
        String discoveryUrl = given().get("/participants").then().statusCode(200)
                .extract().path("[1].AuthorisationServers[0].OpenIDDiscoveryDocument");
        String issuer = Sandbox.issuer(Brand.HORIZONTE);
        assertThat(discoveryUrl).isEqualTo(issuer + "/.well-known/openid-configuration");

        JsonNode discovery = Json.of(TlsClient.anonymous().get(discoveryUrl));

        assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "pushed_authorization_request_endpoint",
                "registration_endpoint", "jwks_uri")) {
            assertThat(discovery.get(endpoint).asText()).as(endpoint).startsWith(issuer + "/");
        }
        discovery.get("mtls_endpoint_aliases").forEach(alias -> assertThat(alias.asText()).startsWith(issuer + "/"));
        assertThat(strings(discovery.get("scopes_supported"))).containsExactly("openid", "consents", "resources", "customers",
                "accounts", "loans", "financings", "invoice-financings", "unarranged-accounts-overdraft");
        // certified for the hybrid flow only: it advertises no JARM (fapi-id3 5.2.2-19)
        assertThat(strings(discovery.get("response_types_supported"))).containsExactly("code id_token");
        assertThat(strings(discovery.get("response_modes_supported"))).containsExactly("fragment");
        assertThat(discovery.has("authorization_signing_alg_values_supported")).isFalse();

        JsonWebKeySet horizonteKeys = DirectoryIT.jwks(discovery.get("jwks_uri").asText());
        JsonWebKeySet ponteKeys = DirectoryIT.jwks(Sandbox.bank("/jwks"));
        assertThat(horizonteKeys.getJsonWebKeys()).hasSize(1);
        assertThat(horizonteKeys.getJsonWebKeys().get(0).getKeyId())
                .isNotEqualTo(ponteKeys.getJsonWebKeys().get(0).getKeyId());

        String logo = given().get("/participants").then().extract().path("[1].AuthorisationServers[0].CustomerFriendlyLogoUri");
        HttpResponse<String> served = TlsClient.anonymous().get(logo);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).contains("<svg", "Banco Horizonte");
    }

    @Test
    void aSoftwareStatementRegistersAtEachBrandAsTwoClientsEachUnknownAtTheOther() throws Exception {
        Software software = Software.create();
        Tpp ponte = Tpp.register(software);
        Tpp horizonte = Tpp.register(software, Brand.HORIZONTE, software.registrationRequest());

        assertThat(horizonte.clientId).isNotEqualTo(ponte.clientId);
        HttpResponse<String> read = software.tls().get(horizonte.url("/register/" + horizonte.clientId),
                "Authorization", "Bearer " + horizonte.registrationAccessToken);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Json.of(read).get("registration_client_uri").asText())
                .isEqualTo(Sandbox.bank(Brand.HORIZONTE, "/register/" + horizonte.clientId));
        assertThat(software.tls().get(horizonte.url("/register/" + ponte.clientId),
                "Authorization", "Bearer " + ponte.registrationAccessToken).statusCode()).isEqualTo(401);

        assertThat(horizonte.token(Map.of("grant_type", "client_credentials", "scope", "consents")).statusCode())
                .isEqualTo(200);
        // Banco Sandbox Ponte's client, with an assertion for Banco Horizonte: unknown there
        Map<String, Object> claims = ponte.assertionClaims();
        claims.put("aud", Sandbox.issuer(Brand.HORIZONTE));
        HttpResponse<String> foreign = call(() -> ponte.tls.postForm(horizonte.url("/token"), Tpp.authenticated(
                Map.of("grant_type", "client_credentials", "scope", "consents"), ponte.sign(claims))));
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(error(foreign)).isEqualTo("invalid_client");
        // Banco Horizonte's client, with an assertion for Banco Sandbox Ponte's issuer: the wrong audience
        HttpResponse<String> wrongAudience = call(() -> horizonte.tls.postForm(horizonte.url("/token"),
                Tpp.authenticated(Map.of("grant_type", "client_credentials", "scope", "consents"),
                        horizonte.sign(ponte.assertionClaims()))));
        assertThat(wrongAudience.statusCode()).isEqualTo(401);
    }

    @Test
    void horizonteOffersNoPaymentsAndItsTokensAreRefusedAtPonte() throws Exception {
        Tpp horizonte = Tpp.register(Brand.HORIZONTE);

        HttpResponse<String> paymentsScope = horizonte.token(Map.of("grant_type", "client_credentials", "scope", "payments"));
        assertThat(paymentsScope.statusCode()).isEqualTo(400);
        assertThat(error(paymentsScope)).isEqualTo("invalid_scope");
        HttpResponse<String> payments = call(() -> horizonte.tls.get(horizonte.url("/open-banking/payments/v4/consents/x"),
                "x-fapi-interaction-id", UUID.randomUUID().toString()));
        assertThat(payments.statusCode()).isEqualTo(404);
        PaymentsSpecCheck.assertValid("ResponseError", Json.of(payments));

        String token = Json.of(horizonte.token(Map.of("grant_type", "client_credentials", "scope", "consents")))
                .get("access_token").asText();
        HttpResponse<String> atPonte = call(() -> horizonte.tls.get(Sandbox.bank("/open-banking/payments/v4/consents/x"),
                "Authorization", "Bearer " + token, "x-fapi-interaction-id", UUID.randomUUID().toString()));
        assertThat(atPonte.statusCode()).isEqualTo(401);
    }

    @Test
    void theAuthorisationCodeFlowAtHorizonteIsItsOwn() throws Exception {
        Tpp tpp = Tpp.register(Brand.HORIZONTE);
        Authorization authorization = Authorization.of("code id_token").withScope("openid resources");
        String requestUri = tpp.push(authorization);

        HttpResponse<String> page = TlsClient.anonymous().get(tpp.url("/authorize?client_id="
                + AuthorizationCodeFlowIT.encode(tpp.clientId) + "&request_uri=" + AuthorizationCodeFlowIT.encode(requestUri)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Banco Horizonte", "action=\"/horizonte/authorize\"", "/horizonte/static/logo.svg");

        HttpResponse<String> redirect = tpp.decide(requestUri, AuthorizationCodeFlowIT.CPF, "approve");
        assertThat(redirect.statusCode()).isEqualTo(303);
        Map<String, String> response = AuthorizationCodeFlowIT.parameters(URI.create(redirect.headers()
                .firstValue("Location").orElseThrow()).getRawFragment());
        JwtClaims front = IdTokenCheck.verify(response.get("id_token"), tpp.clientId, Brand.HORIZONTE);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", response.get("code"));
        form.put("redirect_uri", authorization.redirectUri());
        form.put("code_verifier", authorization.codeVerifier());
        HttpResponse<String> tokens = tpp.token(form);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(IdTokenCheck.verify(Json.of(tokens).get("id_token").asText(), tpp.clientId, Brand.HORIZONTE)
                .getSubject()).isEqualTo(front.getSubject());

        // and accepts no JARM it does not advertise (fapi-id3 5.2.2-20)
        for (Authorization jarm : List.of(Authorization.of("code"), Authorization.of("code id_token").withResponseMode("jwt"))) {
            HttpResponse<String> refusedMode = tpp.pushRequestObject(tpp.sign(jarm.withScope("openid resources").requestClaims(tpp)));
            assertThat(refusedMode.statusCode()).as(jarm.toString()).isEqualTo(400);
            assertThat(error(refusedMode)).isEqualTo("invalid_request_object");
        }

        // a request object for Banco Sandbox Ponte's issuer is not one for Banco Horizonte
        Map<String, Object> claims = Authorization.of("code").requestClaims(tpp);
        claims.put("aud", Sandbox.issuer());
        HttpResponse<String> refused = tpp.pushRequestObject(tpp.sign(claims));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).isEqualTo("invalid_request_object");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
