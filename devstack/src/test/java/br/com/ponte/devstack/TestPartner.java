package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner set up on a running {@link Devstack} as Open Finance wants it: onboarded at the vault
 * (API credentials exchanged for an access token), a software statement at sandbox-bank's directory
 * with Ponte's callback among its redirect URIs, its transport and signing certificates issued by
 * the directory and uploaded to the vault, and its client at sandbox-bank registered by DCR. Tests
 * then call the partner API as this partner with {@link #send}.
 */
final class TestPartner {

    /** sandbox-bank's authorisation server in the directory. */
    static final String SANDBOX_BANK = "c9427b03-c565-47ce-90f1-09841f099026";
    /** sandbox-bank's second institution, Banco Horizonte (data sharing only). */
    static final String HORIZONTE_BANK = "f406bcf0-814a-40d5-abad-59bdd38ce8b8";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String token;
    private final Path dataDir;
    private String transportCertificate;
    private String transportKey;

    private TestPartner(HttpClient http, String token, Path dataDir) {
        this.http = http;
        this.token = token;
        this.dataDir = dataDir;
    }

    /**
     * Sets {@code name} up on {@code stack}, whose data (secrets, development CA) is in {@code dataDir}:
     * registered at sandbox-bank with the payment consents' callback, as partners registered before
     * the callback served every kind of consent.
     */
    static TestPartner onboard(Devstack stack, Path dataDir, String name) throws Exception {
        return onboard(stack, dataDir, name, "/v1/payment-consents/callback", List.of(SANDBOX_BANK));
    }

    /**
     * Sets {@code name} up with Ponte's {@code callbackPath} in its software statement, registered by DCR
     * at each of {@code institutions}.
     */
    static TestPartner onboard(Devstack stack, Path dataDir, String name, String callbackPath,
                               List<String> institutions) throws Exception {
        HttpClient http = DevHttp.trustingDevelopmentCa(dataDir);
        String vault = "http://localhost:" + stack.ports().vault();
        String directory = "http://localhost:" + stack.ports().sandbox() + "/directory";

        JsonNode credentials = send(http, "POST", vault + "/v1/partners", stack.secrets().adminToken(),
                Map.of("name", name), 201);
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(vault + "/v1/oauth/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + credentials.path("clientId").asText() + "&client_secret="
                        + URLEncoder.encode(credentials.path("clientSecret").asText(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        TestPartner partner = new TestPartner(http, token, dataDir);

        // the software statement lists Ponte's callback among its redirect URIs
        JsonNode statement = send(http, "POST", directory + "/software-statements", null, Map.of(
                "organisationName", name + " Ltda", "cnpj", "11222333000181", "clientName", name,
                "redirectUris", List.of("http://localhost:" + stack.ports().consent() + callbackPath)), 201);
        String organisationId = statement.path("organisationId").asText();
        String softwareStatementId = statement.path("softwareStatementId").asText();
        partner.send("PUT", vault + "/v1/ofb-credentials", Map.of("organizationId", organisationId,
                "softwareStatementId", softwareStatementId), 200);
        String certificates = directory + "/organisations/" + organisationId + "/softwarestatements/" + softwareStatementId
                + "/certificates";
        for (String usage : List.of("TRANSPORT", "SIGNING")) {
            JsonNode issued = send(http, "POST", certificates, null, Map.of("usage", usage), 201);
            if (usage.equals("TRANSPORT")) {
                partner.transportCertificate = issued.path("certificate").asText();
                partner.transportKey = issued.path("privateKey").asText();
            }
            partner.send("POST", vault + "/v1/certificates", Map.of("usage", usage,
                    "certificate", issued.path("certificate").asText(), "privateKey", issued.path("privateKey").asText()), 201);
        }
        for (String institution : institutions) {
            partner.send("POST", vault + "/v1/ofb-credentials/transmitters/" + institution + "/registration", null, 200);
        }
        return partner;
    }

    /**
     * The user at the bank's page for a payment consent (driven without a browser): decides, and the
     * browser follows the bank's redirect to Ponte's callback page ({@code consentsUrl + "/callback"}),
     * whose script posts the bank's JARM response back. Returns where Ponte then sends the user.
     */
    static URI decideAtTheBank(HttpClient http, String consentsUrl, String authorisationUrl, String decision) throws Exception {
        Map<String, String> query = DevHttp.query(URI.create(authorisationUrl));
        String form = "request_uri=" + URLEncoder.encode(query.get("request_uri"), StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(query.get("client_id"), StandardCharsets.UTF_8)
                + "&cpf=11144477735&decision=" + decision;
        HttpResponse<String> atBank = http.send(HttpRequest.newBuilder(URI.create(authorisationUrl.substring(0, authorisationUrl.indexOf('?'))))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atBank.statusCode()).as(atBank.body()).isEqualTo(303);
        String location = atBank.headers().firstValue("location").orElseThrow();
        // sandbox-bank advertises JARM, so Ponte asked for code with response_mode=jwt: one signed JWT in the query
        assertThat(location).startsWith(consentsUrl + "/callback?response=");
        HttpResponse<String> back = http.send(HttpRequest.newBuilder(URI.create(consentsUrl + "/callback"))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(location.substring(location.indexOf('?') + 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        return URI.create(back.headers().firstValue("location").orElseThrow());
    }

    /** A payment consent sandbox-bank accepts: today in Brasília, by DICT key, for the logged user's CPF. */
    static Map<String, Object> paymentConsentRequest(String amount, String redirectUri) {
        Map<String, Object> request = new java.util.HashMap<>();
        request.put("transmitter", SANDBOX_BANK);
        request.put("redirectUri", redirectUri);
        request.put("loggedUser", Map.of("document", Map.of("identification", "11144477735", "rel", "CPF")));
        request.put("creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000181", "name", "Padaria Pao Quente"));
        request.put("payment", Map.of("type", "PIX", "date", java.time.LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo")).toString(),
                "currency", "BRL", "amount", amount, "details", Map.of("localInstrument", "DICT", "proxy", "padaria@example.com",
                        "creditorAccount", Map.of("ispb", "99999004", "issuer", "0001", "number", "1234567", "accountType", "CACC"))));
        return request;
    }

    /** The partner's access token. */
    String token() {
        return token;
    }

    /** An HTTP client that trusts sandbox-bank's TLS certificate. */
    HttpClient http() {
        return http;
    }

    /** Calls {@code url} as this partner with {@code body} as JSON (none when null); the answer must be {@code expected}. */
    JsonNode send(String method, String url, Object body, int expected) throws Exception {
        return send(http, method, url, token, body, expected);
    }

    /**
     * Registers the stack's webhook receiver as this partner's endpoint (ordered: each subject's events
     * in sequence) and gives it the secret, so it verifies every signature ({@link Received}).
     */
    /** Registers the stack's receiver as this partner's endpoint; answers the endpoint's signing secret. */
    String receiveWebhooks(Devstack stack, String path) throws Exception {
        String secret = send("POST", "http://localhost:" + stack.ports().webhook() + "/v1/webhook-endpoints",
                Map.of("url", "http://127.0.0.1:" + stack.ports().demoReceiver() + path, "ordered", true), 201)
                .path("secret").asText();
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().demoReceiver() + "/secret"))
                .PUT(HttpRequest.BodyPublishers.ofString(secret)).build(), HttpResponse.BodyHandlers.discarding());
        return secret;
    }

    /** {@link #send} with an {@code x-idempotency-key}. */
    JsonNode sendWithKey(String method, String url, String idempotencyKey, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + token).header("x-idempotency-key", idempotencyKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + " " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    /**
     * An HTTP client presenting this partner's transport certificate (mutual TLS), as Ponte's calls to
     * the banks do: a test reads a bank's API directly with it, to compare with what Ponte collected.
     */
    HttpClient mutualTls() throws Exception {
        java.security.cert.CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        java.util.Collection<? extends java.security.cert.Certificate> chain = x509.generateCertificates(
                new java.io.ByteArrayInputStream(transportCertificate.getBytes(StandardCharsets.UTF_8)));
        String pkcs8 = transportKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pkcs8)));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("transport", key, new char[0], chain.toArray(new java.security.cert.Certificate[0]));
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dataDir.resolve("pki/ca-root.pem"))) {
            trust.setCertificateEntry("sandbox-root", x509.generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    private static JsonNode send(HttpClient http, String method, String url, String bearer, Object body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + " " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }
}
