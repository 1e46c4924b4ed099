package br.com.ponte.sandbox.fapi;

import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.pki.Pem;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A participant's software as a test sets it up through the directory: a software statement, its
 * transport and signing certificates with their keys.
 */
final class Software {

    static final String REDIRECT_URI = "https://tpp.example/callback";
    static final String OTHER_REDIRECT_URI = "https://tpp.example/other-callback";

    final String organisationId;
    final String softwareStatementId;
    final IssuedCertificate transport;
    final IssuedCertificate signing;
    final String signingKid;

    private Software(String organisationId, String softwareStatementId) {
        this.organisationId = organisationId;
        this.softwareStatementId = softwareStatementId;
        this.transport = issue("TRANSPORT").certificate();
        Issued signingKey = issue("SIGNING");
        this.signing = signingKey.certificate();
        this.signingKid = signingKey.kid();
    }

    record Issued(IssuedCertificate certificate, String kid) {
    }

    static Software create() {
        return create(null);
    }

    /** A software statement of that organisation (a new one when null). */
    static Software create(String organisationId) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (organisationId != null) {
            request.put("organisationId", organisationId);
        }
        request.put("organisationName", "Iniciadora Teste Ltda");
        request.put("cnpj", "11222333000181");
        request.put("clientName", "Ponte test client");
        request.put("redirectUris", List.of(REDIRECT_URI, OTHER_REDIRECT_URI));
        HttpResponse<String> created = call(() -> TlsClient.anonymous()
                .postJson(Sandbox.directory("/directory/software-statements"), Json.write(request)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = Json.of(created);
        return new Software(body.get("organisationId").asText(), body.get("softwareStatementId").asText());
    }

    /** A new certificate from the directory; the directory remembers its public key. */
    Issued issue(String usage) {
        HttpResponse<String> response = call(() -> TlsClient.anonymous().postJson(path("/certificates"),
                Json.write(Map.of("usage", usage))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Json.of(response);
        List<X509Certificate> chain = Pem.certificates(body.get("certificate").asText());
        return new Issued(new IssuedCertificate(chain.get(0), Pem.privateKey(body.get("privateKey").asText(), null), chain),
                body.get("kid").asText());
    }

    /** A fresh software statement assertion. */
    String assertion() {
        HttpResponse<String> response = call(() -> TlsClient.anonymous().get(path("/assertion")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/jwt"));
        return response.body();
    }

    String path(String suffix) {
        return Sandbox.directory("/directory/organisations/" + organisationId + "/softwarestatements/"
                + softwareStatementId + suffix);
    }

    /** An HTTPS client presenting this software's transport certificate. */
    TlsClient tls() {
        return TlsClient.presenting(transport);
    }

    /** The registration metadata a well-behaved client sends. */
    Map<String, Object> registrationRequest() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("software_statement", assertion());
        request.put("redirect_uris", List.of(REDIRECT_URI));
        request.put("grant_types", List.of("authorization_code", "refresh_token", "client_credentials"));
        request.put("response_types", List.of("code id_token", "code"));
        request.put("token_endpoint_auth_method", "private_key_jwt");
        request.put("token_endpoint_auth_signing_alg", "PS256");
        request.put("id_token_signed_response_alg", "PS256");
        request.put("request_object_signing_alg", "PS256");
        request.put("jwks_uri", path("/application.jwks"));
        return request;
    }

    interface Call {
        HttpResponse<String> send() throws IOException;
    }

    static HttpResponse<String> call(Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
