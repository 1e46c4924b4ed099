package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.brand.Brand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registered client, played the way a FAPI client (Ponte's, in production) behaves: mutual TLS with
 * its transport certificate, {@code private_key_jwt} assertions and request objects signed PS256
 * with its signing key.
 */
final class Tpp {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final SecureRandom RANDOM = new SecureRandom();

    final Software software;
    final Brand brand;
    final String clientId;
    final String registrationAccessToken;
    final TlsClient tls;

    private Tpp(Software software, Brand brand, String clientId, String registrationAccessToken) {
        this.software = software;
        this.brand = brand;
        this.clientId = clientId;
        this.registrationAccessToken = registrationAccessToken;
        this.tls = software.tls();
    }

    static Tpp register() {
        return register(Software.create());
    }

    static Tpp register(Software software) {
        return register(software, software.registrationRequest());
    }

    /** A new software statement registered at that brand. */
    static Tpp register(Brand brand) {
        Software software = Software.create();
        return register(software, brand, software.registrationRequest());
    }

    /** Registers with this metadata (a well-behaved client's, changed by the test). */
    static Tpp register(Software software, Map<String, Object> metadata) {
        return register(software, Brand.SANDBOX, metadata);
    }

    static Tpp register(Software software, Brand brand, Map<String, Object> metadata) {
        HttpResponse<String> response = call(() -> software.tls().postJson(Sandbox.bank(brand, "/register"),
                Json.write(metadata)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Json.of(response);
        return new Tpp(software, brand, body.get("client_id").asText(), body.get("registration_access_token").asText());
    }

    /** A URL of the brand the client registered at. */
    String url(String path) {
        return Sandbox.bank(brand, path);
    }

    /** The claims of a valid client assertion for the issuer as audience. */
    Map<String, Object> assertionClaims() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", Sandbox.issuer(brand));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("exp", now + 120);
        return claims;
    }

    /** PS256 with the client's signing key and its kid. */
    String sign(Map<String, Object> claims) {
        return sign(claims, software.signing.privateKey(), software.signingKid);
    }

    /** Serialised by Jackson, so a claim may be JSON {@code null} (OIDC's "claims" parameter asks for defaults so). */
    static String sign(Map<String, Object> claims, PrivateKey key, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setPayload(Json.MAPPER.writeValueAsString(claims));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
            jws.setKeyIdHeaderValue(kid);
            jws.setHeader("typ", "JWT");
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (JsonProcessingException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form with client authentication by this assertion. */
    static Map<String, String> authenticated(Map<String, String> form, String assertion) {
        Map<String, String> complete = new LinkedHashMap<>(form);
        complete.put("client_assertion_type", JWT_BEARER);
        complete.put("client_assertion", assertion);
        return complete;
    }

    /** The form with a fresh, valid client assertion. */
    Map<String, String> authenticated(Map<String, String> form) {
        return authenticated(form, sign(assertionClaims()));
    }

    HttpResponse<String> token(Map<String, String> form) {
        return call(() -> tls.postForm(url("/token"), authenticated(form)));
    }

    HttpResponse<String> pushRequestObject(String requestObject) {
        return call(() -> tls.postForm(url("/par"), authenticated(Map.of("request", requestObject))));
    }

    /** Pushes the authorisation request; answers the request URI. */
    String push(Authorization authorization) {
        HttpResponse<String> response = pushRequestObject(sign(authorization.requestClaims(this)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Json.of(response);
        assertThat(body.get("expires_in").asInt()).isEqualTo(60);
        return body.get("request_uri").asText();
    }

    /** What the user does on the bank's page, without a browser. */
    HttpResponse<String> decide(String requestUri, String cpf, String decision) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("request_uri", requestUri);
        form.put("cpf", cpf);
        form.put("decision", decision);
        return call(() -> TlsClient.anonymous().postForm(url("/authorize"), form));
    }

    /** An authorisation request's values, fresh: state, nonce and a PKCE verifier. */
    /**
     * An authorisation request as a conforming client makes it: {@code code} with JARM ({@code response_mode=jwt}),
     * {@code code id_token} in the fragment unless a mode is set.
     */
    record Authorization(String responseType, String responseMode, String redirectUri, String scope, String state,
                         String nonce, String codeVerifier) {

        static Authorization of(String responseType) {
            return new Authorization(responseType, "code".equals(responseType) ? "jwt" : null, Software.REDIRECT_URI,
                    "openid payments", random(), random(), random());
        }

        Authorization withScope(String value) {
            return new Authorization(responseType, responseMode, redirectUri, value, state, nonce, codeVerifier);
        }

        Authorization withRedirectUri(String uri) {
            return new Authorization(responseType, responseMode, uri, scope, state, nonce, codeVerifier);
        }

        /** {@code null}: no {@code response_mode} in the request. */
        Authorization withResponseMode(String mode) {
            return new Authorization(responseType, mode, redirectUri, scope, state, nonce, codeVerifier);
        }

        String codeChallenge() {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Map<String, Object> requestClaims(Tpp tpp) {
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", tpp.clientId);
            claims.put("aud", Sandbox.issuer(tpp.brand));
            claims.put("client_id", tpp.clientId);
            claims.put("response_type", responseType);
            if (responseMode != null) {
                claims.put("response_mode", responseMode);
            }
            claims.put("redirect_uri", redirectUri);
            claims.put("scope", scope);
            claims.put("state", state);
            claims.put("nonce", nonce);
            claims.put("code_challenge", codeChallenge());
            claims.put("code_challenge_method", "S256");
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iat", now);
            claims.put("nbf", now);
            claims.put("exp", now + 300);
            return claims;
        }
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
