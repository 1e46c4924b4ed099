package br.com.ponte.bench;

import br.com.ponte.devstack.DevHttp;
import br.com.ponte.devstack.StackPorts;
import br.com.ponte.fapi.LocalJwsSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A partner set up on a {@link BenchPlatform} as Open Finance wants it: onboarded at the vault (API
 * credentials exchanged for an access token), a software statement at sandbox-bank's directory with
 * Ponte's callback among its redirect URIs, its transport and signing certificates issued by the
 * directory and uploaded to the vault, and its client at sandbox-bank registered by DCR. Then its
 * calls to the partner API (JSON, each with a fresh {@code x-idempotency-key}) and the user's
 * approval on the bank's page, driven without a browser.
 */
final class BenchPartner {

    static final ObjectMapper JSON = new ObjectMapper();
    /** sandbox-bank's authorisation server in the directory. */
    static final String BANK = "c9427b03-c565-47ce-90f1-09841f099026";

    /**
     * What the partner holds in Open Finance: its organisation, its client at sandbox-bank (and that
     * server's issuer), its certificates and keys (PEM).
     */
    record Identity(String organisationId, String clientId, String issuer, String transportCertificate, String transportKey,
                    String signingCertificate, String signingKey) {

        /** A PS256 signer with the partner's signing key, in this JVM (kid: the key's thumbprint, as the vault's). */
        LocalJwsSigner signer() throws GeneralSecurityException {
            byte[] pkcs8 = Base64.getDecoder().decode(signingKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAPublicKey publicKey = (RSAPublicKey) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(signingCertificate.getBytes(StandardCharsets.UTF_8))).getPublicKey();
            return new LocalJwsSigner(key, publicKey);
        }
    }

    private final HttpClient http;
    private final String id;
    private final String token;
    private Identity identity;

    private BenchPartner(HttpClient http, String id, String token) {
        this.http = http;
        this.id = id;
        this.token = token;
    }

    /** Sets {@code name} up on the platform, its software statement naming Ponte's one callback for every kind of consent. */
    static BenchPartner onboard(BenchPlatform platform, String name) throws Exception {
        StackPorts ports = platform.ports();
        HttpClient http = DevHttp.trustingDevelopmentCa(platform.dataDir());
        String vault = "http://localhost:" + ports.vault();
        String directory = "http://localhost:" + ports.sandbox() + "/directory";
        JsonNode credentials = call(http, "POST", vault + "/v1/partners", platform.stack().secrets().adminToken(),
                Map.of("name", name), 201);
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(vault + "/v1/oauth/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + credentials.path("clientId").asText() + "&client_secret="
                        + URLEncoder.encode(credentials.path("clientSecret").asText(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        BenchPartner partner = new BenchPartner(http, credentials.path("id").asText(), token);

        JsonNode statement = call(http, "POST", directory + "/software-statements", null, Map.of("organisationName", name + " Ltda",
                "cnpj", "11222333000181", "clientName", name,
                "redirectUris", List.of("http://localhost:" + ports.consent() + "/v1/authorisations/callback")), 201);
        String org = statement.path("organisationId").asText();
        String ss = statement.path("softwareStatementId").asText();
        partner.send("PUT", vault + "/v1/ofb-credentials", Map.of("organizationId", org, "softwareStatementId", ss), 200);
        Map<String, JsonNode> issued = new HashMap<>();
        for (String usage : List.of("TRANSPORT", "SIGNING")) {
            JsonNode certificate = call(http, "POST", directory + "/organisations/" + org + "/softwarestatements/" + ss + "/certificates",
                    null, Map.of("usage", usage), 201);
            issued.put(usage, certificate);
            partner.send("POST", vault + "/v1/certificates", Map.of("usage", usage, "certificate", certificate.path("certificate").asText(),
                    "privateKey", certificate.path("privateKey").asText()), 201);
        }
        JsonNode client = partner.send("POST", vault + "/v1/ofb-credentials/transmitters/" + BANK + "/registration", null, 200);
        partner.identity = new Identity(org, client.path("clientId").asText(), client.path("issuer").asText(),
                issued.get("TRANSPORT").path("certificate").asText(), issued.get("TRANSPORT").path("privateKey").asText(),
                issued.get("SIGNING").path("certificate").asText(), issued.get("SIGNING").path("privateKey").asText());
        return partner;
    }

    /** The partner's id at Ponte. */
    String id() {
        return id;
    }

    String token() {
        return token;
    }

    /** An HTTP client trusting the development CA (sandbox-bank's TLS certificate). */
    HttpClient http() {
        return http;
    }

    Identity identity() {
        return identity;
    }

    /** Calls {@code url} as this partner with {@code body} as JSON (none when null); the answer must be {@code expected}. */
    JsonNode send(String method, String url, Object body, int expected) throws Exception {
        return call(http, method, url, token, body, expected);
    }

    /** GETs {@code url} as this partner; the answer must be 200. */
    HttpResponse<String> get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        return expect(response, "GET " + url, 200);
    }

    /** POSTs a form, as a browser does; the answer must be {@code expected}. */
    HttpResponse<String> form(String url, String form, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return expect(response, "POST " + url, expected);
    }

    /** Registers {@code url} as this partner's webhook endpoint for every event type; answers its signing secret. */
    String receiveWebhooks(StackPorts ports, String url, boolean ordered) throws Exception {
        return send("POST", "http://localhost:" + ports.webhook() + "/v1/webhook-endpoints", Map.of("url", url, "ordered", ordered), 201)
                .path("secret").asText();
    }

    /**
     * The user {@code cpf} approves on the bank's page at {@code authorisationUrl}, and the browser takes the
     * bank's answer back to Ponte's callback; answers where Ponte then sends the user (the partner's return).
     */
    URI approveAtBank(String authorisationUrl, String cpf) throws Exception {
        Map<String, String> query = DevHttp.query(URI.create(authorisationUrl));
        HttpResponse<String> atBank = form(authorisationUrl.substring(0, authorisationUrl.indexOf('?')), "request_uri="
                + URLEncoder.encode(query.get("request_uri"), StandardCharsets.UTF_8) + "&client_id="
                + URLEncoder.encode(query.get("client_id"), StandardCharsets.UTF_8) + "&cpf=" + cpf + "&decision=approve", 303);
        String location = atBank.headers().firstValue("location").orElseThrow();
        String callback = location.substring(0, location.replace('#', '?').indexOf('?'));
        HttpResponse<String> back = form(callback, DevHttp.bankAnswer(location), 303);
        return URI.create(back.headers().firstValue("location").orElseThrow());
    }

    private static JsonNode call(HttpClient http, String method, String url, String bearer, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("x-idempotency-key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = expect(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), method + " " + url, expected);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, String what, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
