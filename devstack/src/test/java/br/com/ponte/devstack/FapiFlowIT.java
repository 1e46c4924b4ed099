package br.com.ponte.devstack;

import br.com.ponte.fapi.AuthorizationRequest;
import br.com.ponte.fapi.AuthorizationResponses;
import br.com.ponte.fapi.Discovery;
import br.com.ponte.fapi.FapiClient;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.IdTokens;
import br.com.ponte.fapi.JwsSigner;
import br.com.ponte.fapi.PushedAuthorization;
import br.com.ponte.fapi.Registration;
import br.com.ponte.fapi.SignedBodies;
import io.vertx.core.http.HttpMethod;
import br.com.ponte.fapi.Tokens;
import br.com.ponte.fapi.Transmitter;
import br.com.ponte.fapi.VaultKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ponte talking to a bank under Open Finance Brasil's security profile, everything real and each
 * part its own process: a partner gets its software statement and certificates from sandbox-bank's
 * directory, uploads them to certificate-vault, registers at the bank by DCR through the vault
 * (mutual TLS with its transport certificate), then fapi-client, as a platform service uses it
 * (keys through the vault's internal API), creates a payment consent at the bank (signed bodies both
 * ways, idempotent replay), runs PAR → authorise → token over mutual TLS, validates the id_token,
 * pays with the user's token (the consent is then CONSUMED), refreshes and uses client credentials.
 */
@ExtendWith(DefaultPlatform.class)
class FapiFlowIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTHORISATION_SERVER = "c9427b03-c565-47ce-90f1-09841f099026";
    static final String REDIRECT = "https://partner.example/callback";
    /** sandbox-bank's organisation id in the directory: the {@code aud} of signed bodies to it. */
    static final String BANK_ORGANISATION = "476b3013-7076-44cf-95da-3c19b582a08c";
    static final Map<String, Object> CREDITOR_ACCOUNT = Map.of("ispb", "99999004", "issuer", "0001", "number", "1234567",
            "accountType", "CACC");

    static Devstack stack;
    static Path dataDir;
    static Vertx vertx;
    static HttpClient http;

    @BeforeAll
    static void platformAndClients() throws Exception {
        stack = DefaultPlatform.stack();
        dataDir = DefaultPlatform.dataDir();
        vertx = Vertx.vertx();
        http = DevHttp.trustingDevelopmentCa(dataDir);
    }

    @AfterAll
    static void closeVertx() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
    }

    @Test
    void aPartnerRegistersByDcrThroughTheVaultAndCompletesParAuthoriseTokenAndRefreshOverMutualTls() throws Exception {
        Partner onboarded = onboard("Loja FAPI");
        JsonNode partner = onboarded.partner();
        String token = onboarded.token();
        String organisationId = onboarded.organisationId();
        String vault = vault();

        // DCR through the vault, over mutual TLS with the partner's transport certificate
        String registration = vault + "/v1/ofb-credentials/transmitters/" + AUTHORISATION_SERVER + "/registration";
        JsonNode registered = post(registration, token, null, 200);
        String clientId = registered.path("clientId").asText();
        assertThat(clientId).isNotBlank();
        assertThat(registered.path("source").asText()).isEqualTo("DCR");
        assertThat(registered.has("registrationAccessToken")).isFalse();
        // registering again updates the same client (RFC 7592), with the kept registration access token
        assertThat(post(registration, token, null, 200).path("clientId").asText()).isEqualTo(clientId);

        // a platform service's view: keys through the vault's internal API, never the signing key itself
        try (VaultKeys keys = new VaultKeys(vertx, vault, "consent-service",
                secrets().getProperty("service-secret.consent-service"), Duration.ofSeconds(10))) {
            String partnerId = partner.path("id").asText();
            VaultKeys.TransmitterClient client = keys.transmitter(partnerId, AUTHORISATION_SERVER).await().indefinitely();
            assertThat(client.clientId()).isEqualTo(clientId);
            assertThat(client.redirectUris()).as("the redirect URIs registered by DCR, those of the software statement")
                    .containsExactly(REDIRECT);
            JwsSigner signer = keys.signer(partnerId);
            String anchors = Files.readString(dataDir.resolve("pki/ca-root.pem"));
            try (FapiClient fapi = new FapiClient(vertx, keys.transportIdentity(partnerId).await().indefinitely(), anchors,
                    Duration.ofSeconds(10))) {
                Discovery discovery = fapi.discover(client.discoveryUrl()).await().indefinitely();
                Transmitter bank = new Transmitter(discovery, clientId);

                // a payment consent at the bank: client-credentials token, signed body, signed answer
                var keysOfBank = fapi.keys(discovery).await().indefinitely();
                String payments = discovery.issuer() + "/open-banking/payments/v4";
                String clientToken = fapi.clientCredentials(bank, signer, "payments").await().indefinitely().accessToken();
                String consentJwt = SignedBodies.sign(signer, Map.of("data", consentData()), organisationId, BANK_ORGANISATION)
                        .await().indefinitely();
                String idempotencyKey = UUID.randomUUID().toString();
                FapiClient.ResourceResponse created = fapi.callResource(HttpMethod.POST, payments + "/consents", clientToken,
                        idempotencyKey, consentJwt, "application/jwt").await().indefinitely();
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                JwtClaims consent = SignedBodies.verify(created.body(), keysOfBank, BANK_ORGANISATION, organisationId,
                        java.time.Instant.now());
                @SuppressWarnings("unchecked")
                String consentId = (String) ((Map<String, Object>) consent.getClaimValue("data")).get("consentId");
                assertThat(((Map<?, ?>) consent.getClaimValue("data")).get("status")).isEqualTo("AWAITING_AUTHORISATION");
                // a retry (signed again: a new jti, the same data) with the same idempotency key gets the very same answer
                String retryJwt = SignedBodies.sign(signer, Map.of("data", consentData()), organisationId, BANK_ORGANISATION)
                        .await().indefinitely();
                assertThat(fapi.callResource(HttpMethod.POST, payments + "/consents", clientToken, idempotencyKey, retryJwt,
                        "application/jwt").await().indefinitely().body()).isEqualTo(created.body());

                // sandbox-bank advertises JARM: the client asks for code with response_mode=jwt
                assertThat(discovery.jarm()).isTrue();
                AuthorizationRequest request = AuthorizationRequest.preferred(discovery, "openid payments consent:" + consentId,
                        REDIRECT, List.of("urn:brasil:openbanking:loa2"));
                assertThat(request.responseType()).isEqualTo("code");
                PushedAuthorization pushed = fapi.pushAuthorization(bank, signer, request).await().indefinitely();
                assertThat(pushed.requestUri()).startsWith("urn:ietf:params:oauth:request_uri:");
                assertThat(pushed.authorizationUrl()).startsWith(discovery.authorizationEndpoint());

                // the user approves at the bank (its page, driven without a browser)
                JsonWebKeySet bankKeys = fapi.keys(discovery).await().indefinitely();
                Map<String, String> callback = AuthorizationResponses.validate(approve(discovery, clientId, pushed.requestUri()),
                        bank, bankKeys);
                assertThat(callback.get("state")).isEqualTo(pushed.state());

                Tokens tokens = fapi.exchangeCode(bank, signer, callback.get("code"), REDIRECT, pushed.codeVerifier())
                        .await().indefinitely();
                JwtClaims idToken = IdTokens.validate(tokens.idToken(), bank, bankKeys, pushed.nonce(), null, null,
                        List.of("urn:brasil:openbanking:loa2"));
                assertThat(idToken.getSubject()).isNotBlank();
                assertThat(tokens.accessToken()).isNotBlank();
                assertThat(tokens.refreshToken()).isNotBlank();
                // the Pix payment on the authorised consent, with the user's token: 201 RCVD, consent CONSUMED
                String paymentJwt = SignedBodies.sign(signer, Map.of("data", List.of(paymentData())), organisationId,
                        BANK_ORGANISATION).await().indefinitely();
                FapiClient.ResourceResponse paid = fapi.callResource(HttpMethod.POST, payments + "/pix/payments",
                        tokens.accessToken(), UUID.randomUUID().toString(), paymentJwt, "application/jwt").await().indefinitely();
                assertThat(paid.status()).as(paid.body()).isEqualTo(201);
                JwtClaims payment = SignedBodies.verify(paid.body(), keysOfBank, BANK_ORGANISATION, organisationId,
                        java.time.Instant.now());
                assertThat(payment.getClaimValue("data").toString()).contains("RCVD");
                FapiClient.ResourceResponse read = fapi.callResource(HttpMethod.GET, payments + "/consents/" + consentId,
                        clientToken, null, null, null).await().indefinitely();
                assertThat(((Map<?, ?>) SignedBodies.verify(read.body(), keysOfBank, BANK_ORGANISATION, organisationId,
                        java.time.Instant.now()).getClaimValue("data")).get("status")).isEqualTo("CONSUMED");

                Tokens refreshed = fapi.refresh(bank, signer, tokens.refreshToken()).await().indefinitely();
                assertThat(refreshed.accessToken()).isNotBlank().isNotEqualTo(tokens.accessToken());
                assertThatThrownBy(() -> fapi.refresh(bank, signer, tokens.refreshToken()).await().indefinitely())
                        .isInstanceOfSatisfying(FapiException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));

                assertThat(fapi.clientCredentials(bank, signer, "payments").await().indefinitely().accessToken()).isNotBlank();

                // a code is used once; presented again, it also ends the tokens issued on it (RFC 6749 4.1.2)
                assertThatThrownBy(() -> fapi.exchangeCode(bank, signer, callback.get("code"), REDIRECT, pushed.codeVerifier())
                        .await().indefinitely()).isInstanceOfSatisfying(FapiException.class,
                        e -> assertThat(e.error()).isEqualTo("invalid_grant"));
                assertThatThrownBy(() -> fapi.refresh(bank, signer, refreshed.refreshToken()).await().indefinitely())
                        .isInstanceOfSatisfying(FapiException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
            }
        }
    }

    @Test
    void fapiClientRunsItsWholeCycleAgainstAnIndependentAuthorisationServer() throws Exception {
        // oidc-provider (OpenID-certified) as the Brazil profile configures it: discovery, DCR with the
        // directory's software statement, PAR, the user's approval, JARM, code, refresh, client credentials
        Partner onboarded = onboard("Loja Independente");
        String partnerId = onboarded.partner().path("id").asText();
        String directoryJwks = "http://localhost:" + stack.ports().sandbox() + "/directory/jwks";
        try (OidcBank oidc = OidcBank.start(ROOT, dataDir.resolve("pki"), dataDir.resolve("oidc-bank"), StackPorts.freePorts(1)[0],
                directoryJwks);
             VaultKeys keys = new VaultKeys(vertx, vault(), "consent-service",
                     secrets().getProperty("service-secret.consent-service"), Duration.ofSeconds(10));
             FapiClient fapi = new FapiClient(vertx, keys.transportIdentity(partnerId).await().indefinitely(),
                     Files.readString(dataDir.resolve("pki/ca-root.pem")), Duration.ofSeconds(10))) {
            JwsSigner signer = keys.signer(partnerId);
            Discovery discovery = fapi.discover(oidc.discoveryUrl()).await().indefinitely();
            assertThat(discovery.issuer()).isEqualTo(oidc.issuer());
            assertThat(discovery.jarm()).as("oidc-bank advertises JARM").isTrue();

            String ssa = fapi.softwareStatementAssertion(onboarded.statementUrl() + "/assertion").await().indefinitely();
            Registration registration = fapi.register(discovery, ssa, Registration.metadataFor(ssa, List.of()))
                    .await().indefinitely();
            assertThat(registration.clientId()).isNotBlank();
            Transmitter bank = new Transmitter(discovery, registration.clientId());

            // PAR with code + response_mode=jwt, as fapi-client prefers where a bank offers JARM
            String consentScope = "consent:urn:oidcbank:" + UUID.randomUUID();
            AuthorizationRequest request = AuthorizationRequest.preferred(discovery, "openid payments " + consentScope,
                    REDIRECT, List.of("urn:brasil:openbanking:loa2"));
            assertThat(request.jarm()).isTrue();
            PushedAuthorization pushed = fapi.pushAuthorization(bank, signer, request).await().indefinitely();
            JsonWebKeySet bankKeys = fapi.keys(discovery).await().indefinitely();
            Map<String, String> callback = AuthorizationResponses.validate(
                    DevHttp.query(URI.create(approveAtOidcBank(pushed.authorizationUrl()))).get("response"), bank, bankKeys);
            assertThat(callback.get("state")).isEqualTo(pushed.state());

            Tokens tokens = fapi.exchangeCode(bank, signer, callback.get("code"), REDIRECT, pushed.codeVerifier())
                    .await().indefinitely();
            JwtClaims idToken = IdTokens.validate(tokens.idToken(), bank, bankKeys, pushed.nonce(), null, null,
                    List.of("urn:brasil:openbanking:loa2"));
            assertThat(idToken.getSubject()).isNotBlank();
            assertThat(tokens.refreshToken()).isNotBlank();

            Tokens refreshed = fapi.refresh(bank, signer, tokens.refreshToken()).await().indefinitely();
            assertThat(refreshed.accessToken()).isNotBlank().isNotEqualTo(tokens.accessToken());
            assertThat(fapi.clientCredentials(bank, signer, "payments").await().indefinitely().accessToken()).isNotBlank();
            // the code again: refused, and (RFC 6749 4.1.2, as sandbox-bank now does) the tokens issued on it end
            assertThatThrownBy(() -> fapi.exchangeCode(bank, signer, callback.get("code"), REDIRECT, pushed.codeVerifier())
                    .await().indefinitely()).isInstanceOfSatisfying(FapiException.class,
                    e -> assertThat(e.error()).isEqualTo("invalid_grant"));
            assertThatThrownBy(() -> fapi.refresh(bank, signer, refreshed.refreshToken()).await().indefinitely())
                    .isInstanceOfSatisfying(FapiException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));

            // the same genuine JARM checked against another bank's keys (sandbox-bank's) is refused before its code is read
            String forged = approveAtOidcBank(fapi.pushAuthorization(bank, signer, request).await().indefinitely()
                    .authorizationUrl());
            JsonWebKeySet sandboxKeys = fapi.keys(fapi.discover(onboarded.sandboxDiscovery()).await().indefinitely())
                    .await().indefinitely();
            assertThatThrownBy(() -> AuthorizationResponses.validate(DevHttp.query(URI.create(forged)).get("response"), bank,
                    sandboxKeys)).isInstanceOfSatisfying(FapiException.class,
                    e -> assertThat(e.error()).isEqualTo("invalid_authorization_response"));
        }
    }

    /** A partner at the vault with its software statement and certificates from sandbox-bank's directory. */
    record Partner(JsonNode partner, String token, String organisationId, String softwareStatementId, String statementUrl,
                   String sandboxDiscovery) {
    }

    private static Partner onboard(String name) throws Exception {
        String vault = vault();
        String directory = "http://localhost:" + stack.ports().sandbox() + "/directory";
        JsonNode partner = post(vault + "/v1/partners", secrets().getProperty("admin-token"), Map.of("name", name), 201);
        String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(vault + "/v1/oauth/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + partner.path("clientId").asText() + "&client_secret="
                        + URLEncoder.encode(partner.path("clientSecret").asText(), StandardCharsets.UTF_8))), 200))
                .path("access_token").asText();
        JsonNode statement = post(directory + "/software-statements", null, Map.of("organisationName", name + " Ltda",
                "cnpj", "11222333000181", "clientName", name, "redirectUris", List.of(REDIRECT)), 201);
        String organisationId = statement.path("organisationId").asText();
        String softwareStatementId = statement.path("softwareStatementId").asText();
        put(vault + "/v1/ofb-credentials", token, Map.of("organizationId", organisationId, "softwareStatementId", softwareStatementId), 200);
        String statementUrl = directory + "/organisations/" + organisationId + "/softwarestatements/" + softwareStatementId;
        for (String usage : List.of("TRANSPORT", "SIGNING")) {
            JsonNode issued = post(statementUrl + "/certificates", null, Map.of("usage", usage), 201);
            post(vault + "/v1/certificates", token, Map.of("usage", usage, "certificate", issued.path("certificate").asText(),
                    "privateKey", issued.path("privateKey").asText()), 201);
        }
        return new Partner(partner, token, organisationId, softwareStatementId, statementUrl,
                "https://localhost:" + stack.ports().sandboxTls() + "/.well-known/openid-configuration");
    }

    private static String vault() {
        return "http://localhost:" + stack.ports().vault();
    }

    private static Properties secrets() throws Exception {
        Properties secrets = new Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("secrets.properties"))) {
            secrets.load(reader);
        }
        return secrets;
    }

    /**
     * The user at oidc-bank, as a browser without the screens: the authorisation URL, its interaction page,
     * "approve" as CPF 76109277673, then the redirects back; the redirect to the partner's URI.
     */
    private static String approveAtOidcBank(String authorizationUrl) throws Exception {
        HttpClient browser = DevHttp.browser(dataDir);
        URI at = URI.create(authorizationUrl);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(at).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(303);
        URI interaction = at.resolve(page.headers().firstValue("location").orElseThrow());
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(interaction.resolve(interaction.getPath() + "/approve"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=76109277673")).build(), HttpResponse.BodyHandlers.ofString());
        for (int hop = 0; hop < 5; hop++) {
            assertThat(response.statusCode()).as(response.body()).isBetween(302, 303);
            String location = response.headers().firstValue("location").orElseThrow();
            if (location.startsWith(REDIRECT)) {
                return location;
            }
            response = browser.send(HttpRequest.newBuilder(interaction.resolve(location)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        throw new AssertionError("oidc-bank did not send the user back to " + REDIRECT);
    }

    /** A payment consent request valid against payments v4: R$ 10.50 today by DICT key, as the sandbox expects. */
    private static Map<String, Object> consentData() {
        return Map.of(
                "loggedUser", Map.of("document", Map.of("identification", "76109277673", "rel", "CPF")),
                "creditor", Map.of("personType", "PESSOA_NATURAL", "cpfCnpj", "12345678901", "name", "Maria Recebedora"),
                "payment", Map.of("type", "PIX", "date", java.time.LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo")).toString(),
                        "currency", "BRL", "amount", "10.50",
                        "details", Map.of("localInstrument", "DICT", "proxy", "maria@example.com",
                                "creditorAccount", CREDITOR_ACCOUNT)));
    }

    /** The payment that consent asks for. */
    private static Map<String, Object> paymentData() {
        String endToEndId = "E11222333" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now())
                + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
        return Map.of("endToEndId", endToEndId, "localInstrument", "DICT", "proxy", "maria@example.com",
                "cnpjInitiator", "11222333000181", "remittanceInformation", "Pagamento de teste",
                "payment", Map.of("amount", "10.50", "currency", "BRL"), "creditorAccount", CREDITOR_ACCOUNT);
    }

    /** Posts the authorisation page's form as a user approving; returns the JARM response of the redirect's query. */
    private static String approve(Discovery discovery, String clientId, String requestUri) throws Exception {
        String form = "request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8) + "&client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&cpf=76109277673&decision=approve";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(discovery.authorizationEndpoint()))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        String location = response.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?response=");
        return DevHttp.query(URI.create(location)).get("response");
    }

    private static JsonNode post(String url, String bearer, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        return JSON.readTree(send(request, expected));
    }

    private static JsonNode put(String url, String bearer, Object body, int expected) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + bearer)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), expected));
    }

    private static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }
}
