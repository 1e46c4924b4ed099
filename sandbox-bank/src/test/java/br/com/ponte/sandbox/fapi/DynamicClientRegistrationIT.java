package br.com.ponte.sandbox.fapi;

import br.com.ponte.pki.Pem;
import br.com.ponte.sandbox.SandboxTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Dynamic client registration and management (RFC 7591, RFC 7592) with the dcr-id3 checks. */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class DynamicClientRegistrationIT {

    @Test
    void aClientRegistersReadsUpdatesAndDeletesItsRegistration() throws Exception {
        Software software = Software.create();
        Map<String, Object> request = software.registrationRequest();

        HttpResponse<String> registered = software.tls().postJson(Sandbox.bank("/register"), Json.write(request));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode client = Json.of(registered);
        String clientId = client.get("client_id").asText();
        String token = client.get("registration_access_token").asText();
        assertThat(clientId).isNotBlank();
        assertThat(client.get("client_id_issued_at").asLong())
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
        assertThat(client.get("registration_client_uri").asText()).isEqualTo(Sandbox.bank("/register/" + clientId));
        assertThat(client.get("redirect_uris").get(0).asText()).isEqualTo(Software.REDIRECT_URI);
        assertThat(client.get("token_endpoint_auth_method").asText()).isEqualTo("private_key_jwt");
        assertThat(client.get("id_token_signed_response_alg").asText()).isEqualTo("PS256");
        assertThat(client.get("authorization_signed_response_alg").asText()).isEqualTo("PS256");
        assertThat(client.get("request_object_signing_alg").asText()).isEqualTo("PS256");
        assertThat(client.get("jwks_uri").asText()).isEqualTo(software.path("/application.jwks"));
        assertThat(client.get("software_id").asText()).isEqualTo(software.softwareStatementId);
        assertThat(client.get("client_name").asText()).isEqualTo("Ponte test client");
        assertThat(client.get("scope").asText().split(" ")).contains("openid", "payments", "accounts", "consents");
        assertThat(client.get("tls_client_certificate_bound_access_tokens").asBoolean()).isTrue();

        String uri = client.get("registration_client_uri").asText();
        HttpResponse<String> read = software.tls().get(uri, "Authorization", "Bearer " + token);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Json.of(read).get("client_id").asText()).isEqualTo(clientId);

        Map<String, Object> update = software.registrationRequest();
        update.put("client_id", clientId);
        update.put("redirect_uris", List.of(Software.REDIRECT_URI, Software.OTHER_REDIRECT_URI));
        HttpResponse<String> updated = software.tls().putJson(uri, Json.write(update), "Authorization", "Bearer " + token);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(Json.of(updated).get("redirect_uris")).hasSize(2);

        assertThat(software.tls().delete(uri, "Authorization", "Bearer " + token).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = software.tls().get(uri, "Authorization", "Bearer " + token);
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(error(gone)).isEqualTo("invalid_client");
    }

    @Test
    void registrationNeedsAClientCertificate() throws Exception {
        Software software = Software.create();

        HttpResponse<String> response = TlsClient.anonymous().postJson(Sandbox.bank("/register"),
                Json.write(software.registrationRequest()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response)).isEqualTo("invalid_client");
    }

    @Test
    void registrationNeedsTheCertificateOfTheSoftwareStatementRegistered() throws Exception {
        Software software = Software.create();
        Software other = Software.create(software.organisationId);

        HttpResponse<String> response = other.tls().postJson(Sandbox.bank("/register"), Json.write(software.registrationRequest()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response)).isEqualTo("invalid_client");
    }

    @Test
    void aSoftwareStatementNotSignedByTheDirectoryIsRefused() throws Exception {
        Software software = Software.create();
        Map<String, Object> request = software.registrationRequest();
        JwtClaims claims = claims((String) request.get("software_statement"));
        request.put("software_statement", signed(claims, software.signing.privateKey(), directoryKid()));

        HttpResponse<String> response = software.tls().postJson(Sandbox.bank("/register"), Json.write(request));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("invalid_software_statement");
    }

    @Test
    void aSoftwareStatementOlderThanFiveMinutesIsRefused() throws Exception {
        Software software = Software.create();
        Map<String, Object> request = software.registrationRequest();
        JwtClaims claims = claims((String) request.get("software_statement"));
        claims.setClaim("iat", Instant.now().minusSeconds(6 * 60).getEpochSecond());
        PrivateKey directoryKey = Pem.privateKey(Files.readString(Sandbox.pkiDir().resolve("directory-signing-key.pem")), null);
        request.put("software_statement", signed(claims, directoryKey, directoryKid()));

        HttpResponse<String> response = software.tls().postJson(Sandbox.bank("/register"), Json.write(request));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("invalid_software_statement");
    }

    @Test
    void redirectUrisMustBeAmongTheSoftwareStatements() throws Exception {
        Software software = Software.create();
        Map<String, Object> request = software.registrationRequest();
        request.put("redirect_uris", List.of(Software.REDIRECT_URI, "https://elsewhere.example/cb"));

        HttpResponse<String> response = software.tls().postJson(Sandbox.bank("/register"), Json.write(request));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("invalid_redirect_uri");
    }

    @Test
    void metadataOutsideTheBrazilProfileIsRefused() throws Exception {
        Software software = Software.create();
        List<Map.Entry<String, Object>> violations = List.of(
                Map.entry("jwks", Map.of("keys", List.of())),
                Map.entry("jwks_uri", "https://tpp.example/jwks"),
                Map.entry("token_endpoint_auth_method", "client_secret_basic"),
                Map.entry("id_token_signed_response_alg", "RS256"),
                Map.entry("request_object_signing_alg", "none"),
                Map.entry("authorization_signed_response_alg", "RS256"),
                Map.entry("response_types", List.of("token")),
                Map.entry("grant_types", List.of("password")),
                Map.entry("scope", "openid payments credit-cards-accounts admin"));
        for (Map.Entry<String, Object> violation : violations) {
            Map<String, Object> request = software.registrationRequest();
            request.put(violation.getKey(), violation.getValue());

            HttpResponse<String> response = software.tls().postJson(Sandbox.bank("/register"), Json.write(request));

            assertThat(response.statusCode()).as(violation.getKey()).isEqualTo(400);
            assertThat(error(response)).as(violation.getKey()).isEqualTo("invalid_client_metadata");
        }
    }

    @Test
    void aSoftwareStatementIsRegisteredOnce() throws Exception {
        Tpp registered = Tpp.register();

        HttpResponse<String> again = registered.tls.postJson(Sandbox.bank("/register"),
                Json.write(registered.software.registrationRequest()));

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again)).isEqualTo("invalid_client_metadata");
    }

    @Test
    void managementNeedsTheRegistrationAccessTokenAndTheClientsCertificate() throws Exception {
        Tpp tpp = Tpp.register();
        String uri = Sandbox.bank("/register/" + tpp.clientId);

        HttpResponse<String> wrongToken = tpp.tls.get(uri, "Authorization", "Bearer not-the-token");
        HttpResponse<String> noToken = tpp.tls.get(uri);
        HttpResponse<String> otherCertificate = Software.create(tpp.software.organisationId).tls()
                .get(uri, "Authorization", "Bearer " + tpp.registrationAccessToken);
        HttpResponse<String> noCertificate = TlsClient.anonymous().delete(uri, "Authorization", "Bearer " + tpp.registrationAccessToken);

        for (HttpResponse<String> response : List.of(wrongToken, noToken, otherCertificate, noCertificate)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(error(response)).isEqualTo("invalid_client");
        }
        assertThat(tpp.tls.get(uri, "Authorization", "Bearer " + tpp.registrationAccessToken).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnparsableBodyIsInvalidMetadata() throws Exception {
        Software software = Software.create();

        HttpResponse<String> response = software.tls().postJson(Sandbox.bank("/register"), "{\"redirect_uris\": \"not a list\"");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("invalid_client_metadata");
    }

    static String error(HttpResponse<String> response) {
        return Json.of(response).path("error").asText();
    }

    private static JwtClaims claims(String jwt) throws Exception {
        return new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification()
                .build().processToClaims(jwt);
    }

    /** Signs as the directory does: PS256, exactly these claims. */
    private static String signed(JwtClaims claims, PrivateKey key, String kid) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("PS256");
        jws.setKeyIdHeaderValue(kid);
        jws.setKey(key);
        return jws.getCompactSerialization();
    }

    private static String directoryKid() throws Exception {
        return DirectoryIT.jwks(Sandbox.directory("/directory/jwks")).getJsonWebKeys().get(0).getKeyId();
    }
}
