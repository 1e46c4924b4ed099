package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API track of a payment consent through the whole platform, each service its own process and
 * sandbox-bank the transmitter: a partner set up as in production (software statement with Ponte's
 * callback, certificates in the vault, DCR), consent-service creating the consent at the bank over
 * mutual TLS with signed bodies and pushing the authorisation (PAR), the user approving or rejecting
 * on the bank's page, the callback completing it, and the partner's webhook receiving the consent's
 * events, signed, in sequence.
 */
// two devstack classes run at once: the order that packs them is in src/test/resources/junit-platform.properties
@Order(Integer.MAX_VALUE)
class PaymentJourneyIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BANK = TestPartner.SANDBOX_BANK;
    static final String PARTNER_RETURN = "https://partner.example/return";
    static final Duration AUTHORISATION_WINDOW = Duration.ofSeconds(25);
    static final Duration CONSUMPTION_WINDOW = Duration.ofSeconds(40);
    static final Duration BANK_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BREAKER_DELAY = Duration.ofSeconds(4);

    static Devstack stack;
    static Path dataDir;
    static HttpClient http;
    static String token;
    static String webhookSecret;
    /** Created before the tests, left to expire: one never approved, one approved and never paid. */
    static String neverApproved;
    static String neverPaid;

    @BeforeAll
    static void startPlatformAndOnboardAPartner() throws Exception {
        dataDir = Files.createTempDirectory("ponte-journey-it");
        stack = new Devstack(ROOT, dataDir, StackPorts.free(), System.out)
                // short windows, the bank's and Ponte's alike, so the expiry of both is seen here
                .withEnvironment("consent-service", Map.of("PONTE_CONSENT_AUTHORISATION_WINDOW", AUTHORISATION_WINDOW.toString(),
                        "PONTE_CONSENT_CONSUMPTION_WINDOW", CONSUMPTION_WINDOW.toString(), "PONTE_CONSENT_EXPIRY_CHECK_EVERY", "1s",
                        // the sick-bank drill: a short wait for the bank, and a breaker that opens and heals within seconds
                        "PONTE_FAPI_TIMEOUT", BANK_TIMEOUT.toString(), "PONTE_FAPI_GUARD_REQUESTS", "4",
                        "PONTE_FAPI_GUARD_DELAY", BREAKER_DELAY.toString()))
                .withEnvironment("sandbox-bank", Map.of("SANDBOX_CONSENT_AUTHORISATION_TIMEOUT", AUTHORISATION_WINDOW.toString(),
                        "SANDBOX_CONSENT_CONSUMPTION_TIMEOUT", CONSUMPTION_WINDOW.toString()));
        stack.start();
        TestPartner partner = TestPartner.onboard(stack, dataDir, "Loja Jornada");
        http = partner.http();
        token = partner.token();

        // the partner's webhook: the stack's receiver, which verifies every signature
        webhookSecret = partner.receiveWebhooks(stack, "/hooks/journey");

        // two consents left to their windows now, so that the windows run out while the other journeys run
        HttpResponse<String> created = post(consents(), token, UUID.randomUUID().toString(), consentRequest("77.00"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        neverApproved = JSON.readTree(created.body()).path("id").asText();
        neverPaid = approvedConsent(consentRequest("78.00"));
    }

    /**
     * After every journey above (approvals, payments, refusals, revocations, expiries), no Ponte
     * service's log holds a credential: not the operator's, the partner's, the services' or the
     * user's at the bank.
     */
    @AfterAll
    static void noSecretInAnyLogThenStop() throws Exception {
        try {
            if (stack != null) {
                StackSecrets secrets = stack.secrets();
                List<String> known = new ArrayList<>(List.of(secrets.adminToken(), secrets.vaultMasterKey(),
                        secrets.webhookMasterKey(), secrets.consentMasterKey(), token, webhookSecret));
                known.addAll(secrets.serviceSecrets().values());
                List<String> leaks = new ArrayList<>();
                for (String service : SecretScan.SERVICES) {
                    // every log the service wrote, the instances killed by the drills included
                    Path logs = stack.log(service, 0).getParent();
                    try (var files = Files.list(logs)) {
                        for (Path log : files.filter(f -> f.getFileName().toString().startsWith(service)).toList()) {
                            leaks.addAll(SecretScan.leaks(log.getFileName().toString(), log, known));
                        }
                    }
                }
                assertThat(leaks).as("secrets in the services' logs").isEmpty();
                System.out.println("[secrets] the logs of " + SecretScan.SERVICES + " hold none of " + known.size()
                        + " known secrets and no token, key or code by shape");
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void theUserApprovesAtTheBankAndThePartnerSeesTheConsentAuthorisedWithItsEventsInOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = consentRequest("10.50");
        HttpResponse<String> created = post(consents(), token, key, request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode consent = JSON.readTree(created.body());
        assertThat(consent.path("status").asText()).isEqualTo("AWAITING_AUTHORISATION");
        assertThat(consent.path("transmitterConsentId").asText()).startsWith("urn:");
        assertThat(consent.path("authorisationUrl").asText()).startsWith("https://localhost:" + stack.ports().sandboxTls() + "/authorize?");

        // the same key and body: the very same consent, nothing created at Ponte or at the bank
        HttpResponse<String> replay = post(consents(), token, key, request);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(replay.body())).isEqualTo(consent);
        // the same key with another body is refused
        HttpResponse<String> misuse = post(consents(), token, key, consentRequest("11.00"));
        assertThat(misuse.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(misuse.body()).path("errors").get(0).path("code").asText()).isEqualTo("ERRO_IDEMPOTENCIA");

        URI partnerReturn = decideAtTheBank(consent.path("authorisationUrl").asText(), "approve");
        String id = consent.path("id").asText();
        assertThat(partnerReturn.toString()).startsWith(PARTNER_RETURN + "?").contains("consentId=" + id).contains("status=AUTHORISED");

        JsonNode read = get(consents() + "/" + id);
        assertThat(read.path("status").asText()).isEqualTo("AUTHORISED");
        assertThat(read.has("authorisationUrl")).isFalse();
        assertThat(Duration.between(java.time.Instant.parse(read.path("statusUpdateDateTime").asText()),
                java.time.Instant.parse(read.path("expirationDateTime").asText()))).isEqualTo(CONSUMPTION_WINDOW);

        List<JsonNode> events = receivedUntil(id, "consent:approved");
        assertThat(events).extracting(e -> e.path("signature").asText()).containsOnly("valid");
        assertThat(events).extracting(e -> e.path("event").path("type").asText())
                .containsExactly("before:consent:create", "after:consent:create", "consent:approved");
        assertThat(events).extracting(e -> e.path("event").path("sequence").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(events.get(1).path("event").path("data").path("transmitterConsentId").asText())
                .isEqualTo(consent.path("transmitterConsentId").asText());

        // payment-service's view: the consent as sent to the bank and the user's access token
        HttpResponse<String> grant = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.ports().consent()
                        + "/internal/v1/payment-consents/" + id + "/payment-grant"))
                .header("authorization", "Basic " + Base64.getEncoder().encodeToString(("payment-service:"
                        + stack.secrets().serviceSecrets().get("payment-service")).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        assertThat(JSON.readTree(grant.body()).path("accessToken").asText()).isNotBlank();
        assertThat(JSON.readTree(grant.body()).path("consent").path("payment").path("amount").asText()).isEqualTo("10.50");
    }

    @Test
    void aPartnersTraceGoesToTheBankAndComesBackOnItsWebhooks() throws Exception {
        String trace = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(consents())).header("content-type", "application/json")
                .header("authorization", "Bearer " + token).header("x-idempotency-key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(consentRequest("12.34")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();

        // Ponte's calls to the bank for this request were in the partner's trace (the bank's gateway log)
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(stack.log("sandbox-bank", 0)).contains("traceparent 00-" + trace + "-")) {
            assertThat(System.nanoTime()).as("sandbox-bank saw trace %s", trace).isLessThan(deadline);
            Thread.sleep(200);
        }
        // and so are the webhooks of the events it caused, through the outbox, Kafka and the dispatcher
        List<JsonNode> events = Received.until(http, stack, id, d -> d.size() >= 2);
        assertThat(events).extracting(e -> e.path("event").path("type").asText())
                .containsExactly("before:consent:create", "after:consent:create");
        assertThat(events).extracting(e -> e.path("traceparent").asText()).allMatch(t -> t.startsWith("00-" + trace + "-"));
    }

    @Test
    void theUserRejectsAtTheBankAndTheConsentIsRejectedWithTheBanksReason() throws Exception {
        HttpResponse<String> created = post(consents(), token, UUID.randomUUID().toString(), consentRequest("20.00"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode consent = JSON.readTree(created.body());
        String id = consent.path("id").asText();

        URI partnerReturn = decideAtTheBank(consent.path("authorisationUrl").asText(), "reject");
        assertThat(partnerReturn.toString()).contains("consentId=" + id).contains("status=REJECTED");

        JsonNode read = get(consents() + "/" + id);
        assertThat(read.path("status").asText()).isEqualTo("REJECTED");
        assertThat(read.path("rejectionReason").path("code").asText()).isEqualTo("REJEITADO_USUARIO");
        assertThat(read.path("rejectionReason").path("rejectedBy").asText()).isEqualTo("USER");
        assertThat(receivedUntil(id, "consent:rejected")).extracting(e -> e.path("event").path("type").asText())
                .containsExactly("before:consent:create", "after:consent:create", "consent:rejected");
    }

    @Test
    void aConsentTheBankRefusesIsRejectedAndThePartnerGetsTheBanksError() throws Exception {
        Map<String, Object> request = consentRequest("30.00");
        @SuppressWarnings("unchecked")
        Map<String, Object> payment = new HashMap<>((Map<String, Object>) request.get("payment"));
        payment.put("date", LocalDate.now(ZoneId.of("America/Sao_Paulo")).minusDays(1).toString());
        request.put("payment", payment);
        HttpResponse<String> refused = post(consents(), token, UUID.randomUUID().toString(), request);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("errors").get(0).path("code").asText()).isEqualTo("DATA_PAGAMENTO_INVALIDA");
    }

    @Test
    void aConsentCanBeRevokedBeforeItIsUsedAndThenNothingCanUseIt() throws Exception {
        JsonNode consent = JSON.readTree(post(consents(), token, UUID.randomUUID().toString(), consentRequest("40.00")).body());
        String id = consent.path("id").asText();
        decideAtTheBank(consent.path("authorisationUrl").asText(), "approve");

        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(consents() + "/" + id + "/revoke"))
                .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("status").asText()).isEqualTo("REJECTED");
        assertThat(receivedUntil(id, "consent:revoke")).extracting(e -> e.path("event").path("type").asText())
                .containsExactly("before:consent:create", "after:consent:create", "consent:approved", "consent:revoke");
        HttpResponse<String> grant = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.ports().consent()
                        + "/internal/v1/payment-consents/" + id + "/payment-grant"))
                .header("authorization", "Basic " + Base64.getEncoder().encodeToString(("payment-service:"
                        + stack.secrets().serviceSecrets().get("payment-service")).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grant.statusCode()).isEqualTo(409);
    }

    @Test
    void aUserLateForTheBankGetsANewAuthorisationUrlAndTheOldOneNoLongerCompletes() throws Exception {
        JsonNode consent = JSON.readTree(post(consents(), token, UUID.randomUUID().toString(), consentRequest("41.00")).body());
        String id = consent.path("id").asText();
        HttpResponse<String> renewed = http.send(HttpRequest.newBuilder(URI.create(consents() + "/" + id + "/authorisation-url"))
                .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        String fresh = JSON.readTree(renewed.body()).path("authorisationUrl").asText();
        assertThat(fresh).startsWith("https://").isNotEqualTo(consent.path("authorisationUrl").asText());

        // the user approves through the first URL: the bank answers, but Ponte no longer waits for that state
        Map<String, String> query = DevHttp.query(URI.create(consent.path("authorisationUrl").asText()));
        HttpResponse<String> atBank = http.send(HttpRequest.newBuilder(URI.create(fresh.substring(0, fresh.indexOf('?'))))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("request_uri=" + URLEncoder.encode(query.get("request_uri"), StandardCharsets.UTF_8)
                        + "&client_id=" + URLEncoder.encode(query.get("client_id"), StandardCharsets.UTF_8)
                        + "&cpf=11144477735&decision=approve")).build(), HttpResponse.BodyHandlers.ofString());
        String location = atBank.headers().firstValue("location").orElseThrow();
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create(consents() + "/callback"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(location.substring(location.indexOf('?') + 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(400);
        assertThat(JSON.readTree(stale.body()).path("errors").get(0).path("code").asText()).isEqualTo("ESTADO_INVALIDO");
    }

    @Test
    void theCallbackPageCarriesTheBanksAnswerOnAndAnUnknownStateIsRefused() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(consents() + "/callback")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form id=\"callback\" method=\"post\"");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(consents() + "/callback"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("state=forged&code=x&id_token=y")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("errors").get(0).path("code").asText()).isEqualTo("ESTADO_INVALIDO");
    }

    /**
     * A bank that does the work and then answers with a body signed by a key it never published, or for
     * another {@code x-fapi-interaction-id} than Ponte's: Ponte does not believe the answer, tells the partner
     * so (502 in Open Finance's shape, the bank's answer not quoted); the partner's retry with the same
     * idempotency key gets the bank's genuine answer for the same consent, one at the bank, awaiting the user.
     */
    @Test
    void anAnswerSignedByAnotherKeyOrForAnotherInteractionIsRefusedAndTheRetryCompletesTheSameConsent() throws Exception {
        for (String forgery : List.of("signature", "interaction-id")) {
            List<String> before = bankIds("/sandbox/payment-consents");
            String key = UUID.randomUUID().toString();
            Map<String, Object> request = consentRequest("31.41");
            control("POST", "/sandbox/faults", Map.of("method", "POST", "path", ".*/payments/v4/consents", "phase", "AFTER",
                    "forge", forgery));
            HttpResponse<String> refused = post(consents(), token, key, request);
            assertThat(control("GET", "/sandbox/faults", null).path(0).path("played").asInt()).as(forgery).isEqualTo(1);
            control("DELETE", "/sandbox/faults", null);
            assertThat(refused.statusCode()).as(forgery + ": " + refused.body()).isEqualTo(502);
            JsonNode error = JSON.readTree(refused.body()).path("errors").get(0);
            assertThat(error.path("code").asText()).as(forgery).isEqualTo("TRANSMISSORA_INDISPONIVEL");
            assertThat(error.path("detail").asText()).as(forgery)
                    .contains(forgery.equals("signature") ? "invalid_signed_response" : "invalid_response");
            assertThat(refused.body()).as("the forged answer is not quoted").doesNotContain("eyJ");

            HttpResponse<String> retried = post(consents(), token, key, request);
            assertThat(retried.statusCode()).as(forgery + ": " + retried.body()).isEqualTo(201);
            List<String> made = new ArrayList<>(bankIds("/sandbox/payment-consents"));
            made.removeAll(before);
            JsonNode consent = JSON.readTree(retried.body());
            assertThat(made).as(forgery + ": consents created at the bank")
                    .containsExactly(consent.path("transmitterConsentId").asText());
            assertThat(consent.path("status").asText()).isEqualTo("AWAITING_AUTHORISATION");
        }
    }

    /**
     * The bank's JARM response is the only thing Ponte trusts from the user's return: the same response
     * signed by another key, or its payload changed under the bank's signature, or the hybrid flow's
     * plain parameters for a state that awaits JARM (a downgrade), are each refused with 400
     * {@code AUTORIZACAO_INVALIDA} and change nothing; the genuine response then completes, once.
     */
    @Test
    void aBankAnswerForgedOrInAnotherFormIsRefusedAndTheGenuineOneCompletesOnce() throws Exception {
        HttpResponse<String> created = post(consents(), token, UUID.randomUUID().toString(), consentRequest("4.00"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode consent = JSON.readTree(created.body());
        String authorisationUrl = consent.path("authorisationUrl").asText();
        Map<String, String> query = DevHttp.query(URI.create(authorisationUrl));
        HttpResponse<String> atBank = http.send(HttpRequest.newBuilder(URI.create(authorisationUrl.substring(0, authorisationUrl.indexOf('?'))))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("request_uri=" + URLEncoder.encode(query.get("request_uri"), StandardCharsets.UTF_8)
                        + "&client_id=" + URLEncoder.encode(query.get("client_id"), StandardCharsets.UTF_8)
                        + "&cpf=11144477735&decision=approve")).build(), HttpResponse.BodyHandlers.ofString());
        String genuine = DevHttp.query(URI.create(atBank.headers().firstValue("location").orElseThrow())).get("response");
        String[] parts = genuine.split("\\.");
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        String kid = JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("kid").asText();

        RsaJsonWebKey attacker = RsaJwkGenerator.generateJwk(2048);
        JsonWebSignature forged = new JsonWebSignature();
        forged.setPayload(claims.toJson());
        forged.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        forged.setKeyIdHeaderValue(kid);
        forged.setKey(attacker.getPrivateKey());
        assertInvalidAnswer(callback("response=" + forged.getCompactSerialization()));

        JwtClaims otherCode = JwtClaims.parse(claims.toJson());
        otherCode.setClaim("code", "a-code-of-the-attacker");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(otherCode.toJson().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertInvalidAnswer(callback("response=" + tampered));

        assertInvalidAnswer(callback("state=" + URLEncoder.encode(claims.getStringClaimValue("state"), StandardCharsets.UTF_8)
                + "&code=" + URLEncoder.encode(claims.getStringClaimValue("code"), StandardCharsets.UTF_8) + "&id_token=forged"));
        assertThat(get(consents() + "/" + consent.path("id").asText()).path("status").asText())
                .isEqualTo("AWAITING_AUTHORISATION");

        HttpResponse<String> completed = callback("response=" + genuine);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(303);
        assertThat(completed.headers().firstValue("location").orElseThrow()).contains("status=AUTHORISED");
        HttpResponse<String> replayed = callback("response=" + genuine);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(replayed.body()).path("errors").get(0).path("code").asText()).isEqualTo("ESTADO_INVALIDO");
    }

    private static HttpResponse<String> callback(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(consents() + "/callback"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertInvalidAnswer(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("code").asText()).isEqualTo("AUTORIZACAO_INVALIDA");
    }

    @Test
    void aPaidConsentIsConsumedAndFinishedAndTheReceiverOrdersItsEventsByTimeAndSequence() throws Exception {
        String consentId = approvedConsent(consentRequest("10.00"));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> paid = pay(consentId, key);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        JsonNode payment = JSON.readTree(paid.body());
        assertThat(payment.path("status").asText()).isEqualTo("RCVD");
        assertThat(payment.path("transmitterPaymentId").asText()).isNotBlank();
        assertThat(payment.path("endToEndId").asText()).startsWith("E11222333");
        // the same key: the same payment, nothing sent twice; another payment on the used consent is refused
        HttpResponse<String> replay = pay(consentId, key);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
        assertThat(JSON.readTree(replay.body()).path("id").asText()).isEqualTo(payment.path("id").asText());
        HttpResponse<String> second = pay(consentId, UUID.randomUUID().toString());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(422);
        assertThat(JSON.readTree(second.body()).path("errors").get(0).path("code").asText()).isEqualTo("CONSENTIMENTO_INVALIDO");

        JsonNode settled = awaitPayment(payment.path("id").asText(), "ACSC");
        assertThat(settled.path("endToEndId").asText()).isEqualTo(payment.path("endToEndId").asText());
        assertThat(get(consents() + "/" + consentId).path("status").asText()).isEqualTo("CONSUMED");

        List<JsonNode> events = receivedUntil(consentId, "consent:finish");
        List<String> types = events.stream().map(e -> e.path("event").path("type").asText()).toList();
        assertThat(types.subList(0, 4)).containsExactly("before:consent:create", "after:consent:create", "consent:approved",
                "consent:consumed");
        assertThat(types).contains("consent:polling").endsWith("consent:finish");
        // what a receiver does with events that may arrive in any order: sort by sequence; time agrees
        List<JsonNode> ordered = events.stream().sorted(java.util.Comparator.comparingLong(
                e -> e.path("event").path("sequence").asLong())).toList();
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i).path("event").path("sequence").asLong())
                    .isGreaterThan(ordered.get(i - 1).path("event").path("sequence").asLong());
            assertThat(java.time.Instant.parse(ordered.get(i).path("event").path("time").asText()))
                    .isAfterOrEqualTo(java.time.Instant.parse(ordered.get(i - 1).path("event").path("time").asText()));
        }
        JsonNode consumed = events.get(types.indexOf("consent:consumed")).path("event").path("data");
        assertThat(consumed.path("transmitterHttpStatus").asInt()).isEqualTo(201);
        assertThat(consumed.path("paymentId").asText()).isEqualTo(payment.path("id").asText());
        JsonNode finish = events.get(types.lastIndexOf("consent:finish")).path("event").path("data");
        assertThat(finish.path("outcome").asText()).isEqualTo("SETTLED");
        assertThat(finish.path("paymentStatus").asText()).isEqualTo("ACSC");
        assertThat(finish.path("endToEndId").asText()).isEqualTo(payment.path("endToEndId").asText());

        // and the payment's own story on payment.events, every status it went through
        List<String> statuses = receivedUntil(payment.path("id").asText(), "payment:status:changed", "ACSC").stream()
                .filter(e -> e.path("event").path("type").asText().equals("payment:status:changed"))
                .map(e -> e.path("event").path("data").path("status").asText()).toList();
        assertThat(statuses).startsWith("RCVD").endsWith("ACSC").doesNotHaveDuplicates();
    }

    @Test
    void everyRejectionCodeAndTheAsynchronousDictRejectionFinishTheConsentWithTheirCode() throws Exception {
        Map<String, String> scenarios = new java.util.LinkedHashMap<>();
        scenarios.put("1001.01", "SALDO_INSUFICIENTE");
        scenarios.put("1001.02", "VALOR_ACIMA_LIMITE");
        scenarios.put("1001.03", "VALOR_INVALIDO");
        scenarios.put("1001.04", "COBRANCA_INVALIDA");
        scenarios.put("1001.05", "NAO_INFORMADO");
        scenarios.put("1001.06", "PAGAMENTO_DIVERGENTE_CONSENTIMENTO");
        scenarios.put("1001.07", "DETALHE_PAGAMENTO_INVALIDO");
        scenarios.put("1001.08", "PAGAMENTO_RECUSADO_DETENTORA");
        scenarios.put("1001.09", "PAGAMENTO_RECUSADO_SPI");
        scenarios.put("1001.10", "FALHA_INFRAESTRUTURA");
        scenarios.put("1003.00", "DETALHE_PAGAMENTO_INVALIDO"); // DICT, asynchronous: 201 RCVD, RJCT on a later read
        Map<String, String> paymentByAmount = new HashMap<>();
        Map<String, String> consentByAmount = new HashMap<>();
        for (String amount : scenarios.keySet()) {
            String consentId = approvedConsent(consentRequest(amount));
            HttpResponse<String> paid = pay(consentId, UUID.randomUUID().toString());
            assertThat(paid.statusCode()).as(amount + " " + paid.body()).isEqualTo(201);
            assertThat(JSON.readTree(paid.body()).path("status").asText()).isEqualTo("RCVD");
            paymentByAmount.put(amount, JSON.readTree(paid.body()).path("id").asText());
            consentByAmount.put(amount, consentId);
        }
        for (Map.Entry<String, String> scenario : scenarios.entrySet()) {
            JsonNode rejected = awaitPayment(paymentByAmount.get(scenario.getKey()), "RJCT");
            assertThat(rejected.path("rejectionCode").asText()).as(scenario.getKey()).isEqualTo(scenario.getValue());
            String consentId = consentByAmount.get(scenario.getKey());
            assertThat(get(consents() + "/" + consentId).path("status").asText()).isEqualTo("CONSUMED");
            List<JsonNode> events = receivedUntil(consentId, "consent:finish");
            JsonNode finish = events.get(events.size() - 1).path("event").path("data");
            assertThat(finish.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(finish.path("rejectionCode").asText()).as(scenario.getKey()).isEqualTo(scenario.getValue());
        }
    }

    @Test
    void aSynchronousRefusalConsumesTheConsentAndAServerErrorLeavesItAuthorised() throws Exception {
        String refusedConsent = approvedConsent(consentRequest("1004.00"));
        HttpResponse<String> refused = pay(refusedConsent, UUID.randomUUID().toString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(201);
        assertThat(JSON.readTree(refused.body()).path("status").asText()).isEqualTo("RJCT");
        assertThat(JSON.readTree(refused.body()).path("rejectionCode").asText()).isEqualTo("DETALHE_PAGAMENTO_INVALIDO");
        assertThat(JSON.readTree(refused.body()).has("transmitterPaymentId")).isFalse();
        List<JsonNode> events = receivedUntil(refusedConsent, "consent:finish");
        JsonNode consumed = events.stream().filter(e -> e.path("event").path("type").asText().equals("consent:consumed"))
                .findFirst().orElseThrow().path("event").path("data");
        assertThat(consumed.path("transmitterHttpStatus").asInt()).isEqualTo(422);
        assertThat(get(consents() + "/" + refusedConsent).path("status").asText()).isEqualTo("CONSUMED");

        String failingConsent = approvedConsent(consentRequest("1005.00"));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> failed = pay(failingConsent, key);
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
        assertThat(JSON.readTree(failed.body()).path("errors").get(0).path("code").asText()).isEqualTo("ERRO_TRANSMISSORA");
        assertThat(get(consents() + "/" + failingConsent).path("status").asText()).isEqualTo("AUTHORISED");
    }

    @Test
    void aHeldPaymentAndAScheduledPaymentAreCancelled() throws Exception {
        String heldConsent = approvedConsent(consentRequest("1002.00"));
        String held = JSON.readTree(pay(heldConsent, UUID.randomUUID().toString()).body()).path("id").asText();
        awaitPayment(held, "PDNG");

        Map<String, Object> request = consentRequest("55.00");
        @SuppressWarnings("unchecked")
        Map<String, Object> payment = new HashMap<>((Map<String, Object>) request.get("payment"));
        payment.remove("date");
        payment.put("schedule", Map.of("single", Map.of("date", LocalDate.now(ZoneId.of("America/Sao_Paulo")).plusDays(3).toString())));
        request.put("payment", payment);
        String scheduledConsent = approvedConsent(request);
        HttpResponse<String> scheduledAnswer = pay(scheduledConsent, UUID.randomUUID().toString());
        assertThat(scheduledAnswer.statusCode()).as(scheduledAnswer.body()).isEqualTo(201);
        String scheduled = JSON.readTree(scheduledAnswer.body()).path("id").asText();
        awaitPayment(scheduled, "SCHD");

        for (String id : List.of(held, scheduled)) {
            HttpResponse<String> cancelled = http.send(HttpRequest.newBuilder(URI.create(payments() + "/" + id + "/cancel"))
                    .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(JSON.readTree(cancelled.body()).path("status").asText()).isEqualTo("CANC");
        }
        List<JsonNode> events = receivedUntil(scheduledConsent, "consent:finish");
        assertThat(events.get(events.size() - 1).path("event").path("data").path("paymentStatus").asText()).isEqualTo("CANC");
        // a settled or rejected payment cannot be cancelled
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(payments() + "/" + held + "/cancel"))
                .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(again.body()).path("errors").get(0).path("code").asText()).isEqualTo("PAGAMENTO_NAO_PERMITE_CANCELAMENTO");
    }

    @Test
    void aConsentAskingForItIsPaidAsSoonAsTheUserApproves() throws Exception {
        Map<String, Object> request = consentRequest("12.34");
        request.put("automaticPayment", Map.of("cnpjInitiator", "11222333000181", "remittanceInformation", "Pedido 7"));
        String consentId = approvedConsent(request);
        List<JsonNode> events = receivedUntil(consentId, "consent:finish");
        List<String> types = events.stream().map(e -> e.path("event").path("type").asText()).toList();
        assertThat(types).contains("consent:consumed");
        assertThat(events.get(events.size() - 1).path("event").path("data").path("outcome").asText()).isEqualTo("SETTLED");
    }

    @Test
    void anAccountNeedingMoreApproversIsPartiallyAcceptedThenAuthorisedAndOnlyThenPaid() throws Exception {
        Map<String, Object> request = consentRequest("66.00");
        request.put("debtorAccount", Map.of("ispb", "12345678", "issuer", "0001", "number", "9999999999", "accountType", "CACC"));
        HttpResponse<String> created = post(consents(), token, UUID.randomUUID().toString(), request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode consent = JSON.readTree(created.body());
        String id = consent.path("id").asText();
        URI back = decideAtTheBank(consent.path("authorisationUrl").asText(), "approve");
        assertThat(back.toString()).contains("status=PARTIALLY_ACCEPTED");
        // the second approver comes one sandbox step (2 s) later: until then nothing can pay
        HttpResponse<String> early = pay(id, UUID.randomUUID().toString());
        assertThat(early.statusCode()).as(early.body()).isEqualTo(422);
        assertThat(JSON.readTree(early.body()).path("errors").get(0).path("code").asText()).isEqualTo("CONSENTIMENTO_INVALIDO");

        List<JsonNode> approvals = receivedUntil(id, "consent:approved", "AUTHORISED").stream()
                .filter(e -> e.path("event").path("type").asText().equals("consent:approved")).toList();
        assertThat(approvals).extracting(e -> e.path("event").path("data").path("status").asText())
                .containsExactly("PARTIALLY_ACCEPTED", "AUTHORISED");
        assertThat(get(consents() + "/" + id).path("status").asText()).isEqualTo("AUTHORISED");
        HttpResponse<String> paid = pay(id, UUID.randomUUID().toString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(receivedUntil(id, "consent:finish")).isNotEmpty();
    }

    @Test
    void aRecurringConsentTakesOnePaymentPerDateAndIsConsumedWithTheLast() throws Exception {
        Map<String, Object> request = consentRequest("21.00");
        @SuppressWarnings("unchecked")
        Map<String, Object> payment = new HashMap<>((Map<String, Object>) request.get("payment"));
        payment.remove("date");
        LocalDate first = LocalDate.now(ZoneId.of("America/Sao_Paulo")).plusDays(1);
        payment.put("schedule", Map.of("daily", Map.of("startDate", first.toString(), "quantity", 2)));
        request.put("payment", payment);
        String consentId = approvedConsent(request);

        HttpResponse<String> undated = pay(consentId, UUID.randomUUID().toString());
        assertThat(undated.statusCode()).as(undated.body()).isEqualTo(422);
        assertThat(JSON.readTree(undated.body()).path("errors").get(0).path("code").asText()).isEqualTo("PARAMETRO_NAO_INFORMADO");

        List<String> paymentIds = new ArrayList<>();
        for (LocalDate date : List.of(first, first.plusDays(1))) {
            HttpResponse<String> paid = payOn(consentId, date);
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(paid.body());
            assertThat(body.path("endToEndId").asText()).contains(date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "1500");
            paymentIds.add(body.path("id").asText());
            if (paymentIds.size() == 1) {
                // one date paid, one to go: the consent is still AUTHORISED, at the bank and at Ponte
                awaitPayment(paymentIds.get(0), "SCHD");
                assertThat(get(consents() + "/" + consentId).path("status").asText()).isEqualTo("AUTHORISED");
            }
        }
        awaitPayment(paymentIds.get(1), "SCHD");
        List<JsonNode> events = receivedUntil(consentId, "consent:consumed");
        assertThat(events.stream().filter(e -> e.path("event").path("type").asText().equals("consent:consumed"))).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!get(consents() + "/" + consentId).path("status").asText().equals("CONSUMED") && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(get(consents() + "/" + consentId).path("status").asText()).isEqualTo("CONSUMED");
    }

    @Test
    void revokingARecurringConsentCancelsItsScheduledPaymentsAtTheBank() throws Exception {
        Map<String, Object> request = consentRequest("22.00");
        @SuppressWarnings("unchecked")
        Map<String, Object> payment = new HashMap<>((Map<String, Object>) request.get("payment"));
        payment.remove("date");
        LocalDate first = LocalDate.now(ZoneId.of("America/Sao_Paulo")).plusDays(1);
        payment.put("schedule", Map.of("daily", Map.of("startDate", first.toString(), "quantity", 3)));
        request.put("payment", payment);
        String consentId = approvedConsent(request);
        HttpResponse<String> paid = payOn(consentId, first);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        String paymentId = JSON.readTree(paid.body()).path("id").asText();
        awaitPayment(paymentId, "SCHD");

        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(consents() + "/" + consentId + "/revoke"))
                .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("status").asText()).isEqualTo("REJECTED");
        // the bank cancelled the scheduled payment; payment-service sees it on its next read
        JsonNode cancelled = awaitPayment(paymentId, "CANC");
        assertThat(cancelled.path("rejectionCode").asText()).isEqualTo("CANCELADO_AGENDAMENTO");
        assertThat(receivedUntil(consentId, "consent:revoke")).isNotEmpty();
        // and nothing more can be paid on it
        assertThat(payOn(consentId, first.plusDays(1)).statusCode()).isEqualTo(422);
    }

    private static HttpResponse<String> payOn(String consentId, LocalDate date) throws Exception {
        Map<String, Object> body = Map.of("consentId", consentId, "cnpjInitiator", "11222333000181", "date", date.toString());
        return http.send(HttpRequest.newBuilder(URI.create(payments())).header("content-type", "application/json")
                .header("authorization", "Bearer " + token).header("x-idempotency-key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aConsentNotAuthorisedInTimeAndOneNotConsumedInTimeAreRejectedWithTheirWindowsCode() throws Exception {
        JsonNode expired = receivedUntil(neverApproved, "consent:expired").stream()
                .filter(e -> e.path("event").path("type").asText().equals("consent:expired")).findFirst().orElseThrow();
        assertThat(expired.path("event").path("data").path("window").asText()).isEqualTo("AUTHORISATION");
        JsonNode rejected = get(consents() + "/" + neverApproved);
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejectionReason").path("code").asText()).isEqualTo("TEMPO_EXPIRADO_AUTORIZACAO");

        JsonNode unused = receivedUntil(neverPaid, "consent:expired").stream()
                .filter(e -> e.path("event").path("type").asText().equals("consent:expired")).findFirst().orElseThrow();
        assertThat(unused.path("event").path("data").path("window").asText()).isEqualTo("CONSUMPTION");
        assertThat(get(consents() + "/" + neverPaid).path("rejectionReason").path("code").asText()).isEqualTo("TEMPO_EXPIRADO_CONSUMO");
        // an expired consent pays nothing
        HttpResponse<String> late = pay(neverPaid, UUID.randomUUID().toString());
        assertThat(late.statusCode()).as(late.body()).isEqualTo(422);
    }

    /**
     * Drill: consent-service dies (SIGKILL) after the bank created the consent and before Ponte stored
     * the bank's answer. The partner's retry with the same idempotency key completes that consent:
     * one consent at the bank, the one the partner sees, and the user can approve it.
     */
    @Test
    void aConsentWhoseAnswerWasLostInACrashIsCompletedByTheRetryWithOneConsentAtTheBank() throws Exception {
        List<String> before = bankIds("/sandbox/payment-consents");
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = consentRequest("12.34");
        control("POST", "/sandbox/faults", Map.of("method", "POST", "path", ".*/payments/v4/consents", "phase", "AFTER",
                "delayMs", 10_000));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> lost = http.sendAsync(HttpRequest.newBuilder(URI.create(consents()))
                .header("content-type", "application/json").header("authorization", "Bearer " + token).header("x-idempotency-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(), HttpResponse.BodyHandlers.ofString());
        awaitFaultPlayed();
        stack.kill("consent-service", 0);
        assertThat(lost.handle((answer, failure) -> failure != null || answer.statusCode() >= 500).get())
                .as("the partner got no answer").isTrue();
        control("DELETE", "/sandbox/faults", null);
        stack.restart("consent-service", 0);

        HttpResponse<String> retried = post(consents(), token, key, request);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        JsonNode consent = JSON.readTree(retried.body());
        List<String> made = new ArrayList<>(bankIds("/sandbox/payment-consents"));
        made.removeAll(before);
        assertThat(made).as("consents created at the bank").containsExactly(consent.path("transmitterConsentId").asText());
        assertThat(decideAtTheBank(consent.path("authorisationUrl").asText(), "approve").toString()).contains("status=AUTHORISED");
        DrillReport.record("consent-service killed holding the bank's answer to a consent",
                receivedUntil(consent.path("id").asText(), "consent:approved"), List.of(consent.path("id").asText()),
                made.size() + " consent");
    }

    /**
     * Drill: payment-service dies (SIGKILL) after sending the payment and before storing the bank's
     * answer. The partner's retry with the same idempotency key ends with one payment at the bank,
     * which settles, and the consent consumed once.
     */
    @Test
    void aPaymentWhoseAnswerWasLostInACrashIsCompletedByTheRetryWithOnePaymentAtTheBank() throws Exception {
        String consentId = approvedConsent(consentRequest("23.45"));
        String bankConsentId = get(consents() + "/" + consentId).path("transmitterConsentId").asText();
        String key = UUID.randomUUID().toString();
        control("POST", "/sandbox/faults", Map.of("method", "POST", "path", ".*/payments/v4/pix/payments", "phase", "AFTER",
                "delayMs", 10_000));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> lost = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return pay(consentId, key);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        awaitFaultPlayed();
        stack.kill("payment-service", 0);
        assertThat(lost.handle((answer, failure) -> failure != null || answer.statusCode() >= 500).get())
                .as("the partner got no answer").isTrue();
        control("DELETE", "/sandbox/faults", null);
        stack.restart("payment-service", 0);

        HttpResponse<String> retried = pay(consentId, key);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        JsonNode payment = JSON.readTree(retried.body());
        assertThat(bankIds("/sandbox/pix-payments?consentId=" + bankConsentId)).as("payments at the bank")
                .containsExactly(payment.path("transmitterPaymentId").asText());
        awaitPayment(payment.path("id").asText(), "ACSC");
        List<JsonNode> events = receivedUntil(consentId, "consent:finish");
        assertThat(events.stream().filter(e -> e.path("event").path("type").asText().equals("consent:consumed"))).hasSize(1);
        DrillReport.record("payment-service killed holding the bank's answer to a payment", Received.all(http, stack),
                List.of(consentId, payment.path("id").asText()),
                bankIds("/sandbox/pix-payments?consentId=" + bankConsentId).size() + " payment");
    }

    /**
     * Drill: the bank slow, then failing. A consent call the bank holds past Ponte's timeout is answered
     * within it (a bounded wait, 504); when the bank answers 500 to every call, its circuit breaker opens
     * after a few and the next calls are answered at once without reaching the bank; once it heals, the
     * breaker lets a call through and consents are created again.
     */
    @Test
    void aSlowThenFailingBankIsWaitedForBoundedlyThenLeftAloneUntilItHeals() throws Exception {
        int reachedTheBank;
        try {
            control("POST", "/sandbox/faults", Map.of("method", "POST", "path", ".*/payments/v4/consents", "phase", "BEFORE",
                    "delayMs", 20_000));
            long started = System.nanoTime();
            HttpResponse<String> slow = post(consents(), token, UUID.randomUUID().toString(), consentRequest("31.00"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(slow.statusCode()).as(slow.body()).isEqualTo(504);
            assertThat(waited).as("the partner waited for the bank no longer than Ponte's timeout").isLessThan(BANK_TIMEOUT.plusSeconds(3));
            control("DELETE", "/sandbox/faults", null);

            control("POST", "/sandbox/faults", Map.of("method", "POST", "path", ".*/payments/v4/consents", "phase", "BEFORE",
                    "status", 500, "times", 100));
            List<Integer> statuses = new ArrayList<>();
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long begin = System.nanoTime();
                statuses.add(post(consents(), token, UUID.randomUUID().toString(), consentRequest("32.00")).statusCode());
                millis.add(Duration.ofNanos(System.nanoTime() - begin).toMillis());
            }
            reachedTheBank = control("GET", "/sandbox/faults", null).path(0).path("played").asInt();
            assertThat(statuses).as("every call refused in Open Finance's shape").allMatch(status -> status == 502 || status == 503);
            assertThat(reachedTheBank).as("calls that reached the failing bank, of 8 (%s ms)", millis).isBetween(1, 4);
            control("DELETE", "/sandbox/faults", null);
        } finally {
            control("DELETE", "/sandbox/faults", null);
        }
        Thread.sleep(BREAKER_DELAY.plusSeconds(1).toMillis());
        HttpResponse<String> healed = post(consents(), token, UUID.randomUUID().toString(), consentRequest("33.00"));
        assertThat(healed.statusCode()).as("the bank healed: " + healed.body()).isEqualTo(201);
        DrillReport.record("bank slow past the timeout, then failing (breaker open after " + reachedTheBank + " calls of 8)",
                receivedUntil(JSON.readTree(healed.body()).path("id").asText(), "after:consent:create"),
                List.of(JSON.readTree(healed.body()).path("id").asText()), reachedTheBank + " calls reached the failing bank");
    }

    /**
     * Drill: the bank fails a read once (503) just as the user comes back approved: Ponte reads the
     * consent again after a short backoff (reads are retried, writes are not), and the approval goes
     * through instead of failing the user's journey.
     */
    @Test
    void aReadTheBankFailsOnceIsTriedAgainAndTheUsersApprovalGoesThrough() throws Exception {
        HttpResponse<String> created = post(consents(), token, UUID.randomUUID().toString(), consentRequest("34.00"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode consent = JSON.readTree(created.body());
        try {
            control("POST", "/sandbox/faults", Map.of("method", "GET", "path",
                    ".*/payments/v4/consents/" + java.util.regex.Pattern.quote(consent.path("transmitterConsentId").asText()),
                    "phase", "BEFORE", "status", 503, "times", 1));
            assertThat(decideAtTheBank(consent.path("authorisationUrl").asText(), "approve").toString()).contains("status=AUTHORISED");
            assertThat(control("GET", "/sandbox/faults", null).path(0).path("played").asInt()).as("the read that failed").isEqualTo(1);
        } finally {
            control("DELETE", "/sandbox/faults", null);
        }
        assertThat(get(consents() + "/" + consent.path("id").asText()).path("status").asText()).isEqualTo("AUTHORISED");
    }

    private static List<String> bankIds(String control) throws Exception {
        List<String> ids = new ArrayList<>();
        control("GET", control, null).forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Waits until the bank did the work of the call a fault holds the answer of. */
    private static void awaitFaultPlayed() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (control("GET", "/sandbox/faults", null).path(0).path("played").asInt() < 1) {
            assertThat(System.nanoTime()).as("the bank gets the call").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A development control of sandbox-bank (plain HTTP); its JSON answer (empty for 204). */
    private static JsonNode control(String method, String path, Object body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.ports().sandbox() + path))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isIn(200, 201, 204);
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    /** A consent created and approved at the bank; its id. */
    private static String approvedConsent(Map<String, Object> request) throws Exception {
        HttpResponse<String> created = post(consents(), token, UUID.randomUUID().toString(), request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode consent = JSON.readTree(created.body());
        assertThat(decideAtTheBank(consent.path("authorisationUrl").asText(), "approve").toString()).contains("status=AUTHORISED");
        return consent.path("id").asText();
    }

    private static HttpResponse<String> pay(String consentId, String idempotencyKey) throws Exception {
        Map<String, Object> body = Map.of("consentId", consentId, "cnpjInitiator", "11222333000181",
                "remittanceInformation", "Pagamento de teste");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(payments())).header("content-type", "application/json")
                .header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (idempotencyKey != null) {
            request.header("x-idempotency-key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the payment through Ponte until it has {@code status}. */
    private static JsonNode awaitPayment(String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode payment = get(payments() + "/" + id);
            if (status.equals(payment.path("status").asText()) || System.nanoTime() > deadline) {
                assertThat(payment.path("status").asText()).as(payment.toString()).isEqualTo(status);
                return payment;
            }
            Thread.sleep(250);
        }
    }

    private static String payments() {
        return "http://localhost:" + stack.ports().payment() + "/v1/pix/payments";
    }

    /**
     * The events of one subject the receiver got, once one of type {@code type} (and, when given,
     * with that data status) arrived.
     */
    private static List<JsonNode> receivedUntil(String subject, String type, String... status) throws Exception {
        return Received.untilType(http, stack, subject, type, status);
    }

    private static URI decideAtTheBank(String authorisationUrl, String decision) throws Exception {
        return TestPartner.decideAtTheBank(http, consents(), authorisationUrl, decision);
    }

    private static Map<String, Object> consentRequest(String amount) {
        return TestPartner.paymentConsentRequest(amount, PARTNER_RETURN);
    }

    private static String consents() {
        return "http://localhost:" + stack.ports().consent() + "/v1/payment-consents";
    }

    private static HttpResponse<String> post(String url, String bearer, String idempotencyKey, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + bearer).header("x-idempotency-key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
