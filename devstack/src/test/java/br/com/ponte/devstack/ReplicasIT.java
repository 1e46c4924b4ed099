package br.com.ponte.devstack;

import br.com.ponte.infra.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform as it runs on a cluster: two instances each of consent-service, payment-service,
 * collection-service and webhook-dispatcher against one Kafka and one PostgreSQL, every caller
 * reaching them through one port per service ({@link Balancer}, a Kubernetes Service's stand-in).
 * The instances share the work (consumer groups, leased claims, one outbox relay per service elected by
 * a database lock, the rate limit's shared bucket); when one instance of each dies, the other
 * takes its work over; and nothing happens twice: no webhook delivered twice, no timer fired twice,
 * no event lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// two devstack classes run at once: the order that packs them is in src/test/resources/junit-platform.properties
@Order(1)
class ReplicasIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PARTNER_RETURN = "https://partner.example/return";
    static final Duration AUTHORISATION_WINDOW = Duration.ofSeconds(20);
    /** The dispatcher's lease: a delivery held by an instance that died is sent again after it. */
    static final Duration LEASE = Duration.ofSeconds(8);
    static final List<String> REPLICATED = List.of("consent-service", "payment-service", "collection-service", "webhook-dispatcher");
    static final Pattern DELIVERED = Pattern.compile("(?m)^ponte_webhook_attempts_total\\{[^}]*outcome=\"delivered\"[^}]*} ([0-9.eE+]+)$");

    static Devstack stack;
    static Path dataDir;
    static TestPartner partner;
    static HttpClient http;
    /** The instance of each service left running after the kills of the second scenario. */
    static final Map<String, Integer> survivors = new java.util.HashMap<>();

    @BeforeAll
    static void startTwoInstancesOfEveryServiceAndOnboardAPartner() throws Exception {
        dataDir = Files.createTempDirectory("ponte-replicas-it");
        stack = new Devstack(ROOT, dataDir, StackPorts.free(), System.out)
                .withEnvironment("consent-service", Map.of("PONTE_CONSENT_AUTHORISATION_WINDOW", AUTHORISATION_WINDOW.toString(),
                        "PONTE_CONSENT_EXPIRY_CHECK_EVERY", "1s"))
                .withEnvironment("sandbox-bank", Map.of("SANDBOX_CONSENT_AUTHORISATION_TIMEOUT", AUTHORISATION_WINDOW.toString()))
                // a dead dispatcher's claimed deliveries go to the other after 5 s
                .withEnvironment("webhook-dispatcher", Map.of("PONTE_WEBHOOK_LEASE", LEASE.toSeconds() + "s"));
        for (String module : REPLICATED) {
            // a silent instance's partitions and replication slot go to the other within seconds
            stack.withReplicas(module, 2).withEnvironment(module, Map.of("PONTE_KAFKA_SESSION_TIMEOUT", "8000",
                    "PONTE_OUTBOX_RELAY_RESTART_BACKOFF", "2s"));
        }
        stack.start();
        partner = TestPartner.onboard(stack, dataDir, "Loja Replicada");
        http = partner.http();
        partner.receiveWebhooks(stack, "/hooks/replicas");
    }

    @AfterAll
    static void stopPlatform() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void anEndpointsRateLimitHoldsAcrossDispatcherInstances() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            int perSecond = 3;
            int messages = 24;
            JsonNode endpoint = partner.send("POST", webhookEndpoints(stack.ports().webhook()), Map.of("url", receiver.url(),
                    "rateLimit", perSecond, "eventTypes", List.of("webhook:test")), 201);
            receiver.verifyWith(endpoint.path("secret").asText());
            double[] before = {deliveredBy(0), deliveredBy(1)};

            // test messages asked of both instances: each claims and sends, from one shared bucket
            for (int i = 0; i < messages; i++) {
                partner.send("POST", webhookEndpoints(stack.instancePort("webhook-dispatcher", i % 2)) + "/"
                        + endpoint.path("id").asText() + "/test", Map.of("message", "test " + i), 202);
            }
            List<WebhookReceiver.Received> got = receiver.await(r -> true, messages, Duration.ofSeconds(60));
            awaitNoDeliveryOpen();
            assertThat(receiver.received()).as("each once").hasSize(messages)
                    .allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(got.stream().map(WebhookReceiver.Received::webhookId).distinct()).hasSize(messages);

            // a bucket of 3 then 3 per second for both instances together: 24 take 7 s (each instance
            // with a bucket of its own would send them in half that), and no second holds more than 3 + 3
            Duration span = Duration.between(got.get(0).at(), got.get(messages - 1).at());
            assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis(6_500));
            for (WebhookReceiver.Received r : got) {
                long inWindow = got.stream().filter(o -> !o.at().isBefore(r.at()) && o.at().isBefore(r.at().plusSeconds(1))).count();
                assertThat(inWindow).isLessThanOrEqualTo(2L * perSecond);
            }
            double first = deliveredBy(0) - before[0];
            double second = deliveredBy(1) - before[1];
            assertThat(first).as("instance 1 sent some").isPositive();
            assertThat(second).as("instance 2 sent some").isPositive();
            assertThat(first + second).isEqualTo(messages);
        }
    }

    @Test
    @Order(2)
    void whenOneInstanceOfEachServiceDiesTheOtherTakesItsWorkOverAndNothingHappensTwiceOrIsLost() throws Exception {
        // six consents through the balanced port: three approved and paid, three left to expire
        List<String> paidConsents = new ArrayList<>();
        List<String> expiring = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode consent = partner.sendWithKey("POST", consents(), UUID.randomUUID().toString(),
                    TestPartner.paymentConsentRequest("1" + i + ".00", PARTNER_RETURN), 201);
            if (i % 2 == 0) {
                assertThat(TestPartner.decideAtTheBank(http, consents(), consent.path("authorisationUrl").asText(), "approve")
                        .toString()).contains("status=AUTHORISED");
                paidConsents.add(consent.path("id").asText());
            } else {
                expiring.add(consent.path("id").asText());
            }
        }
        // every event so far has arrived: nothing is in flight at the dispatchers when one dies
        for (String id : paidConsents) {
            Received.untilType(http, stack, id, "consent:approved");
        }

        // the instances that relay the outboxes die, and one dispatcher and one collector with them
        for (String module : List.of("consent-service", "payment-service")) {
            int relaying = relayingInstance(module);
            stack.kill(module, relaying);
            survivors.put(module, 1 - relaying);
        }
        stack.kill("webhook-dispatcher", 0);
        stack.kill("collection-service", 0);
        // the test's own connections led to dead instances: new ones go to the survivors
        http = DevHttp.trustingDevelopmentCa(dataDir);

        // the work goes on: payments made, polled until settled, timers fired, events relayed and delivered
        List<String> payments = new ArrayList<>();
        for (String consentId : paidConsents) {
            payments.add(pay(consentId).path("id").asText());
        }
        JsonNode late = send("POST", consents(), TestPartner.paymentConsentRequest("20.00", PARTNER_RETURN), 201);
        assertThat(TestPartner.decideAtTheBank(http, consents(), late.path("authorisationUrl").asText(), "approve")
                .toString()).contains("status=AUTHORISED");
        paidConsents.add(late.path("id").asText());
        payments.add(pay(late.path("id").asText()).path("id").asText());

        for (String payment : payments) {
            Received.untilType(http, stack, payment, "payment:status:changed", "ACSC");
        }
        for (String consentId : paidConsents) {
            Received.untilType(http, stack, consentId, "consent:finish");
        }
        for (String consentId : expiring) {
            Received.untilType(http, stack, consentId, "consent:expired");
        }
        awaitNothingLeftToDeliver();

        List<JsonNode> deliveries = Received.all(http, stack);
        assertThat(deliveries).extracting(d -> d.path("signature").asText()).containsOnly("valid");
        Map<String, Long> byEventId = deliveries.stream().collect(Collectors.groupingBy(
                d -> d.path("event").path("id").asText(), Collectors.counting()));
        assertThat(byEventId.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("events delivered more than once").isEmpty();
        // nothing lost: each subject's events are numbered 1..n without a gap
        Map<String, List<Long>> sequences = deliveries.stream().collect(Collectors.groupingBy(
                d -> d.path("event").path("subject").asText(),
                Collectors.mapping(d -> d.path("event").path("sequence").asLong(), Collectors.toList())));
        for (String subject : concat(paidConsents, expiring, payments)) {
            List<Long> seen = sequences.get(subject).stream().sorted().toList();
            assertThat(seen).as(subject).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList());
        }
        // each timer fired once, each payment settled once
        Function<String, Map<String, Long>> types = subject -> deliveries.stream()
                .filter(d -> subject.equals(d.path("event").path("subject").asText()))
                .collect(Collectors.groupingBy(d -> d.path("event").path("type").asText(), Collectors.counting()));
        for (String consentId : expiring) {
            assertThat(types.apply(consentId)).as(consentId).containsEntry("consent:expired", 1L);
        }
        for (String consentId : paidConsents) {
            assertThat(types.apply(consentId)).as(consentId).containsEntry("consent:consumed", 1L).doesNotContainKey("consent:expired");
        }
        for (String payment : payments) {
            long settled = deliveries.stream().filter(d -> payment.equals(d.path("event").path("subject").asText())
                    && Received.is(d, "payment:status:changed")
                    && d.path("event").path("data").path("status").asText().equals("ACSC")).count();
            assertThat(settled).as(payment).isEqualTo(1);
        }
        DrillReport.record("one instance of every service killed (SIGKILL) mid-flow", deliveries,
                concat(paidConsents, expiring, payments), payments.size() + " payments for " + paidConsents.size() + " consents");
    }

    @Test
    @Order(3)
    void anAutomaticPaymentWaitsOutAnOutageOfConsentServiceAndIsMadeOnceWhenItIsBack() throws Exception {
        int consentUp = survivors.get("consent-service");
        int paymentUp = survivors.get("payment-service");
        Map<String, Object> request = TestPartner.paymentConsentRequest("30.00", PARTNER_RETURN);
        request.put("automaticPayment", Map.of("cnpjInitiator", "11222333000181", "remittanceInformation", "Pedido automatico"));
        JsonNode consent = send("POST", consents(), request, 201);
        String id = consent.path("id").asText();

        // payment-service is down when the user approves: consent:approved waits in Kafka
        stack.kill("payment-service", paymentUp);
        assertThat(TestPartner.decideAtTheBank(http, consents(), consent.path("authorisationUrl").asText(), "approve")
                .toString()).contains("status=AUTHORISED");
        Received.untilType(http, stack, id, "consent:approved");
        // then consent-service goes down too, and payment-service comes back: it cannot read the consent,
        // so the automatic payment waits, recorded, and is tried again and again
        stack.kill("consent-service", consentUp);
        stack.restart("payment-service", paymentUp);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (automaticPaymentAttempts(id) < 2) {
            assertThat(System.nanoTime()).as("the automatic payment is tried while consent-service is down").isLessThan(deadline);
            Thread.sleep(500);
        }
        assertThat(paymentsOf(id)).isZero();

        // consent-service back: the payment is made, once, and settles
        stack.restart("consent-service", consentUp);
        http = DevHttp.trustingDevelopmentCa(dataDir);
        List<JsonNode> events = Received.untilType(http, stack, id, "consent:finish");
        // the payment settled, and nothing is left to make that could pay it again
        assertThat(paymentsOf(id)).isEqualTo(1);
        assertThat(automaticPaymentAttempts(id)).as("nothing left to make").isEqualTo(-1);
        assertThat(Received.count(Received.all(http, stack).stream()
                .filter(d -> id.equals(d.path("event").path("subject").asText())).toList(), "consent:consumed")).isEqualTo(1);
        assertThat(events.get(events.size() - 1).path("event").path("data").path("outcome").asText()).isEqualTo("SETTLED");
        DrillReport.record("automatic payment while payment- then consent-service are down", Received.all(http, stack),
                List.of(id), paymentsOf(id) + " payment");
    }

    /**
     * Drill: every consumer group with effects (the dispatcher's webhooks, payment-service's automatic
     * payments, consent-service's reading of payments) reset to the start of its topics while its
     * instances are down, so every event so far is read again: no webhook is sent twice and no payment
     * is made twice.
     */
    @Test
    @Order(4)
    void everyEventReadAgainAfterAnOffsetResetSendsNoWebhookAndMakesNoPaymentTwice() throws Exception {
        int consentUp = survivors.get("consent-service");
        int paymentUp = survivors.get("payment-service");
        List<JsonNode> before = Received.all(http, stack);
        long paymentsBefore = answeredPayments();
        stack.kill("webhook-dispatcher", 1);
        stack.kill("payment-service", paymentUp);
        stack.kill("consent-service", consentUp);

        Map<String, Long> reread = new java.util.TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + stack.ports().kafka()))) {
            for (String group : List.of("webhook-dispatcher", "payment-service", "consent-service")) {
                reread.put(group, resetToEarliest(admin, group));
            }
            assertThat(reread.get("webhook-dispatcher")).as("the dispatcher reads again every event it had read")
                    .isGreaterThanOrEqualTo(before.size());
            stack.restart("consent-service", consentUp);
            stack.restart("payment-service", paymentUp);
            stack.restart("webhook-dispatcher", 1);
            http = DevHttp.trustingDevelopmentCa(dataDir);
            for (String group : reread.keySet()) {
                awaitCaughtUp(admin, group);
            }
        }
        // an automatic payment recorded again by payment-service would be waiting for its worker
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (automaticPaymentsToMake() > 0) {
            assertThat(System.nanoTime()).as("no automatic payment left to make").isLessThan(deadline);
            Thread.sleep(250);
        }
        awaitNothingLeftToDeliver();

        List<JsonNode> after = Received.all(http, stack);
        assertThat(after).as("no webhook sent again after %s events were read again", reread).hasSameSizeAs(before);
        assertThat(answeredPayments()).as("no payment made again").isEqualTo(paymentsBefore);
        DrillReport.record("consumer groups reset to the start (" + reread.values().stream().mapToLong(Long::longValue).sum()
                        + " events read again)", after,
                after.stream().map(d -> d.path("event").path("subject").asText()).distinct().toList(),
                "payments " + paymentsBefore + " before, " + answeredPayments() + " after");
    }

    /**
     * Drill: certificate-vault down. A consent needs the partner's keys (the request to the bank is
     * signed through the vault): the partner gets 503 in Open Finance's shape with Retry-After, and the
     * same request with the same idempotency key, once the vault is back, completes that one consent
     * (Ponte records the consent before it calls the bank, with its id as the bank's idempotency key):
     * one consent, not two.
     */
    @Test
    @Order(5)
    void whileTheVaultIsDownACallThatNeedsItIs503AndWritesNothingThenTheRetrySucceeds() throws Exception {
        // consent-service has the vault's token keys cached (a partner call verified with them), so the call
        // below gets past authentication to the work that needs the vault
        send("GET", consents() + "/" + UUID.randomUUID(), null, 404);
        stack.kill("certificate-vault", 0);
        String key = UUID.randomUUID().toString();
        long consentsBefore = paymentConsents();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(consents()))
                .header("content-type", "application/json").header("authorization", "Bearer " + partner.token())
                .header("x-idempotency-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        TestPartner.paymentConsentRequest("40.00", PARTNER_RETURN)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.path("errors").path(0).path("code").asText()).isEqualTo("SERVICO_INDISPONIVEL");
        assertThat(error.path("meta").path("requestDateTime").asText()).isNotBlank();

        stack.restart("certificate-vault", 0);
        JsonNode consent = partner.sendWithKey("POST", consents(), key, TestPartner.paymentConsentRequest("40.00", PARTNER_RETURN), 201);
        assertThat(TestPartner.decideAtTheBank(http, consents(), consent.path("authorisationUrl").asText(), "approve")
                .toString()).contains("status=AUTHORISED");
        assertThat(paymentConsents()).as("the retry completed the consent the refused call recorded").isEqualTo(consentsBefore + 1);
        String id = consent.path("id").asText();
        DrillReport.record("certificate-vault down (503, then the retry)", Received.untilType(http, stack, id, "consent:approved"),
                List.of(id), "1 consent");
    }

    /**
     * Drill: the Kafka broker is killed (SIGKILL) and started again 5 s later while consents are
     * created and payments made. Partner calls go on (they need no Kafka); the events wait in the outboxes and
     * the consumers' offsets, and arrive once each, none missing.
     */
    @Test
    @Order(6)
    void kafkaKilledAndRestartedWhileEventsFlowLosesAndDuplicatesNothing() throws Exception {
        List<String> approved = approvedConsents(3, "5");
        Load load = Load.start(approved, 3);
        Thread.sleep(500);
        stack.crashAndRestartKafka(Duration.ofSeconds(5));
        load.awaitDone();
        drillVerdict("Kafka broker killed (SIGKILL), restarted after 5 s, under load", load);
    }

    /**
     * Drill: PostgreSQL crashes (SIGKILL) and is started again 3 s later while consents are created and
     * payments made; webhooks being sent at that instant are recorded once it is back (within the
     * dispatcher's lease), not sent again. The services say they are not ready meanwhile, and partners get 503 in Open
     * Finance's shape; retried with the same idempotency keys, every call completes once and every
     * event arrives once.
     */
    @Test
    @Order(7)
    void postgresCrashedAndRestartedUnderLoadLosesAndDuplicatesNothing() throws Exception {
        List<String> approved = approvedConsents(3, "6");
        Load load = Load.start(approved, 3);
        Thread.sleep(500);
        java.util.concurrent.CompletableFuture<Boolean> seenNotReady = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.ports().consent() + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 503) {
                        return true;
                    }
                } catch (Exception e) {
                    // a refused connection is not the answer this waits for
                }
                sleep(200);
            }
            return false;
        });
        stack.crashAndRestartPostgres(Duration.ofSeconds(3));
        assertThat(seenNotReady.get()).as("consent-service reported not ready while PostgreSQL was down").isTrue();
        load.awaitDone();
        assertThat(load.refusals).as("what partners got while the database was down")
                .allMatch(r -> r.startsWith("503 SERVICO_INDISPONIVEL") || r.startsWith("connection"));
        drillVerdict("PostgreSQL killed (SIGKILL), restarted after 3 s, under load", load);
    }

    /** Consents created and approved at the bank, ready to pay. */
    private static List<String> approvedConsents(int count, String amountPrefix) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode consent = send("POST", consents(), TestPartner.paymentConsentRequest(amountPrefix + i + ".00", PARTNER_RETURN), 201);
            assertThat(TestPartner.decideAtTheBank(http, consents(), consent.path("authorisationUrl").asText(), "approve")
                    .toString()).contains("status=AUTHORISED");
            ids.add(consent.path("id").asText());
        }
        return ids;
    }

    /**
     * A partner's traffic through an outage: each approved consent paid, and new consents created,
     * every call retried with its idempotency key until it is answered 201, as a partner would.
     */
    private static final class Load {
        final List<String> paidConsents;
        final List<String> payments = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.CompletableFuture<Void> done;

        private Load(List<String> paidConsents, int newConsents) {
            this.paidConsents = paidConsents;
            this.done = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 0; i < Math.max(paidConsents.size(), newConsents); i++) {
                    if (i < paidConsents.size()) {
                        payments.add(untilCreated(paymentsUrl(), Map.of("consentId", paidConsents.get(i),
                                "cnpjInitiator", "11222333000181", "remittanceInformation", "Pagamento no exercicio")));
                    }
                    if (i < newConsents) {
                        created.add(untilCreated(consents(), TestPartner.paymentConsentRequest("7" + i + ".00", PARTNER_RETURN)));
                    }
                }
            });
        }

        static Load start(List<String> paidConsents, int newConsents) {
            return new Load(paidConsents, newConsents);
        }

        void awaitDone() throws Exception {
            done.get(3, java.util.concurrent.TimeUnit.MINUTES);
        }

        private String untilCreated(String url, Object body) {
            String key = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("content-type", "application/json").header("authorization", "Bearer " + partner.token())
                            .header("x-idempotency-key", key).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        return JSON.readTree(response.body()).path("id").asText();
                    }
                    JsonNode error = JSON.readTree(response.body()).path("errors").path(0);
                    refusals.add(response.statusCode() + " " + error.path("code").asText() + " at " + URI.create(url).getPath()
                            + ": " + error.path("detail").asText());
                } catch (Exception e) {
                    refusals.add("connection " + e.getClass().getSimpleName());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(url + " never answered 201: " + refusals);
                }
                sleep(500);
            }
        }
    }

    /** Every payment of the load settled once, every event of its subjects arrived once and in full. */
    private static void drillVerdict(String drill, Load load) throws Exception {
        for (String payment : load.payments) {
            Received.untilType(http, stack, payment, "payment:status:changed", "ACSC");
        }
        for (String consentId : load.paidConsents) {
            Received.untilType(http, stack, consentId, "consent:finish");
        }
        for (String consentId : load.created) {
            // created at the bank; or, when the outage outlasted the consent's 20 s authorisation window,
            // expired before the retry reached the bank (the retry then answers the expired consent)
            Received.until(http, stack, consentId, events -> events.stream().anyMatch(e -> Received.is(e, "after:consent:create")
                    || Received.is(e, "consent:expired")));
        }
        awaitNothingLeftToDeliver();
        List<String> subjects = concat(load.paidConsents, load.payments, load.created);
        List<JsonNode> deliveries = Received.all(http, stack).stream()
                .filter(d -> subjects.contains(d.path("event").path("subject").asText())).toList();
        Map<String, Long> byEventId = deliveries.stream().collect(Collectors.groupingBy(
                d -> d.path("event").path("id").asText(), Collectors.counting()));
        assertThat(byEventId.values()).as("events delivered more than once").allMatch(n -> n == 1);
        Map<String, List<Long>> sequences = deliveries.stream().collect(Collectors.groupingBy(
                d -> d.path("event").path("subject").asText(),
                Collectors.mapping(d -> d.path("event").path("sequence").asLong(), Collectors.toList())));
        for (String subject : subjects) {
            List<Long> seen = sequences.get(subject).stream().sorted().toList();
            assertThat(seen).as(subject).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList());
        }
        long made = 0;
        for (String consentId : load.paidConsents) {
            made += paymentsOf(consentId);
        }
        assertThat(made).as("payments made").isEqualTo(load.paidConsents.size());
        DrillReport.record(drill, deliveries, subjects, made + " payments for " + load.paidConsents.size()
                + " consents, " + load.created.size() + " consents created; partners were answered " + load.refusals.size()
                + " times before 201");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String paymentsUrl() {
        return "http://localhost:" + stack.ports().payment() + "/v1/pix/payments";
    }

    /** Moves the group's committed offsets to the start of each partition; answers how many records it will read again. */
    private static long resetToEarliest(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
        committed.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
        Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
        admin.listOffsets(earliest).all().get().forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, start).all().get();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // the killed members leave the group when their session times out (8 s here)
                assertThat(System.nanoTime()).as("group %s empties: %s", group, e.getCause()).isLessThan(deadline);
                Thread.sleep(1_000);
            }
        }
        // what it will read again: everything from the start to the end of each partition (its last committed
        // offsets may lag behind what it had handled)
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .mapToLong(e -> e.getValue().offset() - start.get(e.getKey()).offset()).sum();
    }

    /**
     * Until nothing more can reach the partner: the dispatchers have read every event in Kafka (their
     * group committed the end of every partition) and hold no delivery due or in flight, a delivery
     * held by an instance that died included (it is sent again once its lease runs out). What
     * arrived is final from then on: a count of it misses nothing still to come.
     */
    private static void awaitNothingLeftToDeliver() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + stack.ports().kafka()))) {
            awaitCaughtUp(admin, "webhook-dispatcher");
        }
        awaitNoDeliveryOpen();
    }

    /** Until no delivery is due or in flight at the dispatchers. */
    private static void awaitNoDeliveryOpen() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:"
                    + stack.ports().postgres() + "/webhook", "postgres", "postgres");
                 java.sql.ResultSet rs = c.createStatement().executeQuery(
                         "select count(*) from webhook_delivery where status in ('PENDING', 'SENDING')")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("every delivery made").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Waits until the group has committed the end of every partition it reads. */
    private static void awaitCaughtUp(Admin admin, String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get();
            if (committed.entrySet().stream().allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset())) {
                return;
            }
            assertThat(System.nanoTime()).as("group %s reads everything again", group).isLessThan(deadline);
            Thread.sleep(1_000);
        }
    }

    private static long answeredPayments() throws Exception {
        try (java.sql.Connection c = paymentDatabase();
             java.sql.ResultSet rs = c.createStatement().executeQuery("select count(*) from pix_payment where initiation = 'ANSWERED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long paymentConsents() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + stack.ports().postgres()
                + "/consent", "postgres", "postgres");
             java.sql.ResultSet rs = c.createStatement().executeQuery("select count(*) from payment_consent")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long automaticPaymentsToMake() throws Exception {
        try (java.sql.Connection c = paymentDatabase();
             java.sql.ResultSet rs = c.createStatement().executeQuery("select count(*) from automatic_payment")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The attempts recorded for a consent's automatic payment; -1 once there is none to make. */
    private static int automaticPaymentAttempts(String consentId) throws Exception {
        try (java.sql.Connection c = paymentDatabase();
             java.sql.ResultSet rs = c.createStatement().executeQuery("select attempts from automatic_payment where consent_id = '"
                     + consentId + "'")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    private static long paymentsOf(String consentId) throws Exception {
        try (java.sql.Connection c = paymentDatabase();
             java.sql.ResultSet rs = c.createStatement().executeQuery("select count(*) from pix_payment where consent_id = '"
                     + consentId + "' and initiation = 'ANSWERED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static java.sql.Connection paymentDatabase() throws Exception {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + stack.ports().postgres() + "/payment",
                "postgres", "postgres");
    }

    /** The instance of {@code module} that reads the outbox's replication slot: the other logs that it stands by. */
    private static int relayingInstance(String module) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            for (int i = 0; i < 2; i++) {
                if (Files.readString(stack.log(module, i)).contains("Another instance relays this outbox")) {
                    return 1 - i;
                }
            }
            assertThat(System.nanoTime()).as("one instance of %s stands by", module).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static double deliveredBy(int instance) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + stack.instancePort("webhook-dispatcher", instance) + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = DELIVERED.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static JsonNode pay(String consentId) throws Exception {
        JsonNode payment = send("POST", "http://localhost:" + stack.ports().payment() + "/v1/pix/payments",
                Map.of("consentId", consentId, "cnpjInitiator", "11222333000181", "remittanceInformation", "Pagamento replicado"), 201);
        assertThat(payment.path("status").asText()).isEqualTo("RCVD");
        return payment;
    }

    private static JsonNode send(String method, String url, Object body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .header("authorization", "Bearer " + partner.token()).header("x-idempotency-key", UUID.randomUUID().toString())
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + " " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static String consents() {
        return "http://localhost:" + stack.ports().consent() + "/v1/payment-consents";
    }

    private static String webhookEndpoints(int port) {
        return "http://localhost:" + port + "/v1/webhook-endpoints";
    }
}
