package br.com.ponte.bench;

import br.com.ponte.bench.OfferedLoad.Call;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Benchmark of the partner's API path through the whole platform ({@link BenchPlatform}), sandbox-bank
 * the transmitter: a partner set up as in production ({@link BenchPartner}) creates payment consents
 * ({@code POST /v1/payment-consents}: consent-service signs through the vault and calls the bank over
 * mutual TLS, consent then PAR) and pays consents approved beforehand ({@code POST /v1/pix/payments}:
 * payment-service, consent-service's grant, the vault, the bank). Measured, each kind at a fixed
 * offered rate ({@link OfferedLoad}: no coordinated omission) and flat out:
 * <ol>
 *   <li>requests/s, latency p50/p95/p99/max, errors by status;</li>
 *   <li><b>Ponte's own overhead</b>: the partner's latency less sandbox-bank's time for the same call,
 *   joined on each call's own {@code traceparent} in the services' access logs ({@link AccessLog}), split
 *   into the vault's time, the other services' and the rest ({@link Breakdown}); CPU per call ({@link PlatformCpu});</li>
 *   <li>end to end at the fixed rate: from the partner's POST to the signed {@code after:consent:create}
 *   webhook at its receiver ({@link FastReceiver});</li>
 *   <li>the ceilings of Ponte's two hops: consents created at the bank straight from this JVM ({@link BankHop}),
 *   a signature through the vault beside one in process ({@link VaultHop}).</li>
 * </ol>
 * Every figure is printed beside its target. The exit code is 0 when the run completed and its checks
 * held (every consent's webhook arrived, sampled signatures verified, every answered call found in the
 * access logs), 2 when a check failed, 1 on an error.
 */
public final class ApiBenchmark implements BenchPlatform.Benchmark {

    static final double CONSENT_RATE = Double.parseDouble(System.getProperty("bench.consentRate", "3"));
    static final double PAYMENT_RATE = Double.parseDouble(System.getProperty("bench.paymentRate", "3"));
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 60);
    static final int HOP_CALLS = Integer.getInteger("bench.hopCalls", 30);
    static final double TARGET_OVERHEAD_P99_MILLIS = 20;
    /** The webhook-dispatcher's own target, from the event (bench/README.md). */
    static final double TARGET_WEBHOOK_LAG_P99_MILLIS = 200;
    private static final ObjectMapper JSON = BenchPartner.JSON;
    private static final String USER_CPF = "11144477735";
    private static final String CONSENTS = "POST /v1/payment-consents";
    private static final String PAYMENTS = "POST /v1/pix/payments";
    private static final String CONSENT_CREATED = "after:consent:create";
    private static final List<String> LOGGED = List.of("sandbox-bank", "certificate-vault", "consent-service", "payment-service");
    private static final List<String> SERVICES = List.of("certificate-vault", "consent-service", "payment-service",
            "collection-service", "webhook-dispatcher", "sandbox-bank");
    private static final String LATER = "PT1H";
    private static final Duration WEBHOOK_WAIT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofSeconds(5);

    /** One measured phase: its calls and what its partner call is. */
    private record Phase(String title, String service, String operation, List<Call> calls, int expected) {

        List<Call> answered() {
            return calls.stream().filter(c -> c.status() == expected).toList();
        }
    }

    private final BenchPlatform platform;
    private final PrintStream out;
    private final List<String> failedChecks = new ArrayList<>();
    private BenchPartner partner;
    private FastReceiver receiver;
    private OfferedLoad load;
    private PlatformCpu cpu;
    private DatabaseCounters database;

    ApiBenchmark(BenchPlatform platform, PrintStream out) {
        this.platform = platform;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchPlatform.main(args, "api", "Usage: bench/run api [-Dbench.consentRate=3] [-Dbench.paymentRate=3] [-Dbench.seconds=15]"
                        + " [-Dbench.clients=4] [-Dbench.warmupSeconds=60] [-Dbench.hopCalls=30] [-Dbench.c1Only=true] (see bench/README.md)",
                ApiBenchmark::new);
    }

    @Override
    public int run() throws Exception {
        boolean held = false;
        try {
            int exit = runPhases();
            held = exit == 0;
            return exit;
        } finally {
            if (!held) {
                platform.keepData();
                out.println("The services' logs are kept under " + platform.dataDir().resolve("logs"));
            }
        }
    }

    private int runPhases() throws Exception {
        startPlatform();
        partner = BenchPartner.onboard(platform, "Bench API");
        receiver = new FastReceiver(10);
        receiver.verifyWith(partner.receiveWebhooks(platform.ports(), receiver.url(), true));
        load = new OfferedLoad(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        cpu = new PlatformCpu(platform);
        database = new DatabaseCounters(platform.stack().postgres(), List.of("consent", "payment", "vault", "webhook"));
        warmUp();
        printIdle();
        Duration length = Duration.ofSeconds(SECONDS);

        Phase consentsAtRate = measure(String.format(Locale.ROOT, "%s at %.0f/s for %d s", CONSENTS, CONSENT_RATE, SECONDS),
                "consent-service", CONSENTS, 201, () -> load.atRate(CONSENT_RATE, length, this::consentCall));
        printWebhooks(consentsAtRate);
        Phase consentsFlatOut = measure(String.format(Locale.ROOT, "%s flat out, %d clients, %d s", CONSENTS, CLIENTS, SECONDS),
                "consent-service", CONSENTS, 201, () -> load.flatOut(CLIENTS, length, this::consentCall));

        printHops();

        int toPay = (int) Math.ceil(PAYMENT_RATE * SECONDS) + Math.max(CLIENTS, consentsFlatOut.answered().size() * 3 / 2);
        out.printf(Locale.ROOT, "%nApproving %d consents at the bank for the payments (not measured) ...%n", toPay);
        Queue<String> approved = approvedConsents(toPay);
        measure(String.format(Locale.ROOT, "%s at %.0f/s for %d s", PAYMENTS, PAYMENT_RATE, SECONDS),
                "payment-service", PAYMENTS, 201, () -> load.atRate(PAYMENT_RATE, length, () -> paymentCall(approved)));
        measure(String.format(Locale.ROOT, "%s flat out, %d clients, %d s at most (%d consents left to pay)", PAYMENTS, CLIENTS,
                SECONDS, approved.size()), "payment-service", PAYMENTS, 201, () -> load.flatOut(CLIENTS, length, () -> paymentCall(approved)));

        out.println();
        out.println(failedChecks.isEmpty() ? "Checks: every consent's webhook arrived, every sampled signature verified, every answered call"
                + " found in the access logs." : "CHECKS FAILED: " + String.join("; ", failedChecks));
        return failedChecks.isEmpty() ? 0 : 2;
    }

    /**
     * The whole journey (a consent created, approved at the bank, paid) from {@link #CLIENTS} users at once
     * for {@link #WARMUP_SECONDS}, not measured: the JIT compiles what every phase runs.
     */
    private void warmUp() throws Exception {
        out.printf(Locale.ROOT, "Warming up for %d s: consents created, approved at the bank and paid, %d at a time ...%n",
                WARMUP_SECONDS, CLIENTS);
        long end = System.nanoTime() + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
        AtomicInteger journeys = new AtomicInteger();
        onEveryUser(() -> System.nanoTime() < end, () -> {
            partner.send("POST", payments(), paymentRequest(approvedConsent()), 201);
            journeys.incrementAndGet();
        });
        out.printf(Locale.ROOT, "  %d journeys%n", journeys.get());
    }

    /** What the platform burns doing nothing (pollers, relays, consumers), for the CPU per call below. */
    private void printIdle() throws InterruptedException {
        Thread.sleep(IDLE.toMillis()); // the warm-up's work done
        PlatformCpu.Snapshot before = cpu.snapshot();
        Thread.sleep(IDLE.toMillis());
        out.printf(Locale.ROOT, "Idle for %d s: %s%n", IDLE.toSeconds(), PlatformCpu.perSecond(before, cpu.snapshot()));
    }

    /**
     * The platform with access logs on the services that serve a partner's call, neither Ponte's partner
     * rate limit nor sandbox-bank's per-client one in the way, and nothing of the consents' and payments'
     * later life (expiry, the bank's status steps, payment-service's polling) running while measuring:
     * the bank shares the machine here, so that work would compete with the calls measured. sandbox-bank
     * keeps its state in memory only.
     */
    private void startPlatform() {
        LOGGED.forEach(service -> platform.withEnvironment(service, AccessLog.ENVIRONMENT));
        List.of("consent-service", "payment-service", "certificate-vault").forEach(service -> platform.withEnvironment(service,
                Map.of("PONTE_API_RATE_LIMIT_REQUESTS_PER_SECOND", "0")));
        // sandbox-bank's state in memory only: kept in a file, all of it is rewritten at every change under one lock
        // (SandboxStore), so the bank's own time would grow with every consent and payment of the run
        platform.withEnvironment("sandbox-bank", Map.of("SANDBOX_RATE_LIMIT_PER_SECOND", "1000000", "SANDBOX_DATA_DIR", "",
                        "SANDBOX_CONSENT_AUTHORISATION_TIMEOUT", LATER, "SANDBOX_PAYMENT_STEP", LATER))
                .withEnvironment("consent-service", Map.of("PONTE_CONSENT_AUTHORISATION_WINDOW", LATER))
                .withEnvironment("payment-service", Map.of("PONTE_PAYMENT_POLL_FIRST_AFTER", LATER));
        platform.withFullJit(SERVICES, out);
        out.printf(Locale.ROOT, "Consents at %.0f/s, payments at %.0f/s, %d s per phase, %d clients flat out%n",
                CONSENT_RATE, PAYMENT_RATE, SECONDS, CLIENTS);
        platform.start(out);
    }

    private Phase measure(String title, String service, String operation, int expected, Callable<List<Call>> drive) throws Exception {
        PlatformCpu.Snapshot cpuBefore = cpu.snapshot();
        DatabaseCounters.Snapshot databaseBefore = database.snapshot();
        List<Call> calls = drive.call();
        PlatformCpu.Snapshot cpuAfter = cpu.snapshot();
        Thread.sleep(1000); // the last access-log lines written, the databases' counters reported
        DatabaseCounters.Snapshot databaseAfter = database.snapshot();
        Phase phase = new Phase(title, service, operation, calls, expected);
        if (printPhase(phase)) {
            out.println("  CPU               " + PlatformCpu.perCall(cpuBefore, cpuAfter, calls.size()));
            out.println("  PostgreSQL        " + DatabaseCounters.perCall(databaseBefore, databaseAfter, calls.size()));
        }
        return phase;
    }

    /** Prints the phase's figures; false when no call was answered. */
    private boolean printPhase(Phase phase) {
        List<Call> answered = phase.answered();
        out.println();
        out.println(phase.title() + ":");
        if (answered.isEmpty()) {
            out.println("  no call answered " + phase.expected() + ": " + statuses(phase.calls()));
            failedChecks.add(phase.title() + ": no call answered");
            return false;
        }
        double seconds = (answered.stream().mapToLong(Call::doneNanos).max().orElseThrow()
                - phase.calls().stream().mapToLong(Call::dueNanos).min().orElseThrow()) / 1e9;
        List<Double> latency = answered.stream().map(Call::latencyMillis).toList();
        List<Double> lag = phase.calls().stream().map(c -> (c.sentNanos() - c.dueNanos()) / 1e6).toList();
        out.printf(Locale.ROOT, "  answered          %d of %d (%s) in %.1f s: %.1f/s%n", answered.size(), phase.calls().size(),
                statuses(phase.calls()), seconds, answered.size() / seconds);
        out.printf(Locale.ROOT, "  latency           p50 %.1f  p95 %.1f  p99 %.1f  max %.1f ms (from when each call was due; sent late p99 %.1f ms)%n",
                Percentiles.of(latency, 50), Percentiles.of(latency, 95), Percentiles.of(latency, 99), Percentiles.of(latency, 100),
                Percentiles.of(lag, 99));
        Breakdown breakdown = Breakdown.of(answered, logs(), phase.service(), phase.operation());
        if (breakdown.size() < answered.size()) {
            failedChecks.add(phase.title() + ": " + (answered.size() - breakdown.size()) + " answered calls not in the access logs");
        }
        breakdown.print(out, TARGET_OVERHEAD_P99_MILLIS);
        return true;
    }

    /** E2E: from each answered consent's POST (when it was due) to its {@code after:consent:create} at the receiver. */
    private void printWebhooks(Phase phase) throws Exception {
        Map<Call, String> consents = new LinkedHashMap<>();
        for (Call call : phase.answered()) {
            consents.put(call, JSON.readTree(call.body()).path("id").asText());
        }
        long deadline = System.nanoTime() + WEBHOOK_WAIT.toNanos();
        while (consents.values().stream().anyMatch(id -> receiver.arrivalNanos(id, CONSENT_CREATED) == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Double> fromPost = new ArrayList<>();
        List<Double> afterAnswer = new ArrayList<>();
        consents.forEach((call, id) -> {
            Long arrived = receiver.arrivalNanos(id, CONSENT_CREATED);
            if (arrived != null) {
                fromPost.add((arrived - call.dueNanos()) / 1e6);
                afterAnswer.add((arrived - call.doneNanos()) / 1e6);
            }
        });
        out.printf(Locale.ROOT, "  webhook %s, signed, at the partner's receiver (ordered endpoint): %d of %d arrived%n",
                CONSENT_CREATED, fromPost.size(), consents.size());
        out.printf(Locale.ROOT, "    from the POST   %s   the API's latency and the lag below%n", Breakdown.p50p99(fromPost));
        out.printf(Locale.ROOT, "    after the 201   %s   target p99 < %.0f ms (the dispatcher's, from the event): %s%n",
                Breakdown.p50p99(afterAnswer), TARGET_WEBHOOK_LAG_P99_MILLIS,
                Percentiles.of(afterAnswer, 99) < TARGET_WEBHOOK_LAG_P99_MILLIS ? "met" : "MISSED");
        out.printf(Locale.ROOT, "    signatures      %d sampled, %d failed%s%n", receiver.sampled(), receiver.sampleFailures(),
                receiver.firstFailure() == null ? "" : " (" + receiver.firstFailure() + ")");
        if (fromPost.size() < consents.size()) {
            failedChecks.add((consents.size() - fromPost.size()) + " consents' " + CONSENT_CREATED + " did not arrive within "
                    + WEBHOOK_WAIT.toSeconds() + " s");
        }
        if (receiver.sampleFailures() > 0) {
            failedChecks.add(receiver.sampleFailures() + " webhook signatures did not verify");
        }
    }

    /**
     * The ceilings for Ponte's two hops, each beside the bank's or the vault's own time: consents created at
     * sandbox-bank straight from this JVM ({@link BankHop}), on a kept-alive connection and on a new one each;
     * a signature through the vault and the same one in this JVM ({@link VaultHop}).
     */
    private void printHops() throws Exception {
        Map<String, Object> data = new HashMap<>(consentRequest());
        data.keySet().removeAll(List.of("transmitter", "redirectUri"));
        List<Call> keptAlive;
        List<Call> newConnections;
        try (BankHop hop = new BankHop(platform, partner.identity())) {
            hop.createConsents(HOP_CALLS, false, data);
            keptAlive = hop.createConsents(HOP_CALLS, false, data);
            newConnections = hop.createConsents(HOP_CALLS, true, data);
        }
        VaultHop vault = new VaultHop(platform, partner);
        vault.inProcess(HOP_CALLS);
        List<Double> inProcess = vault.inProcess(HOP_CALLS);
        List<Call> throughVault = vault.throughVault(HOP_CALLS);
        Thread.sleep(1000); // the access-log lines written
        out.println();
        out.printf(Locale.ROOT, "The bank hop's ceiling: POST payments/v4/consents straight from this JVM (Ponte's fapi-client, keys in"
                + " process, no vault), %d calls one after another:%n", HOP_CALLS);
        printHop("kept-alive connection", keptAlive, Breakdown.BANK);
        printHop("a new connection each", newConnections, Breakdown.BANK);
        out.printf(Locale.ROOT, "The vault hop: one PS256 signature (a client assertion's claims), %d one after another:%n", HOP_CALLS);
        printHop("through the vault", throughVault, Breakdown.VAULT);
        out.printf(Locale.ROOT, "  %-22s %s%n", "in this JVM", Breakdown.p50p99(inProcess));
    }

    /** The calls' latency, and {@code service}'s own time for them (its access log). */
    private void printHop(String title, List<Call> calls, String service) {
        List<Call> answered = calls.stream().filter(c -> c.status() / 100 == 2).toList();
        Map<String, List<AccessLog.Request>> served = AccessLog.byTrace(Map.of(service, platform.log(service)),
                answered.stream().map(Call::traceId).collect(Collectors.toSet()));
        List<Double> latency = answered.stream().map(Call::latencyMillis).toList();
        List<Double> own = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        for (Call call : answered) {
            double millis = served.getOrDefault(call.traceId(), List.of()).stream().mapToDouble(AccessLog.Request::millis).sum();
            own.add(millis);
            outside.add(call.latencyMillis() - millis);
        }
        out.printf(Locale.ROOT, "  %-22s %s; %s's own time %s; outside it %s (%s)%n", title, Breakdown.p50p99(latency), service,
                Breakdown.p50p99(own), Breakdown.p50p99(outside), statuses(calls));
    }

    /** Statuses by count, e.g. "148 x 201, 2 x 502, 1 x no answer (HttpTimeoutException)". */
    private static String statuses(List<Call> calls) {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach(c -> counts.merge(c.status() == 0 ? "no answer (" + c.body() + ")" : Integer.toString(c.status()), 1, Integer::sum));
        List<String> described = new ArrayList<>();
        counts.forEach((status, count) -> described.add(count + " x " + status));
        return String.join(", ", described);
    }

    private Map<String, Path> logs() {
        Map<String, Path> logs = new HashMap<>();
        LOGGED.forEach(service -> logs.put(service, platform.log(service)));
        return logs;
    }

    /** {@code count} consents created and approved at the bank, from {@link #CLIENTS} users at once. */
    private Queue<String> approvedConsents(int count) throws Exception {
        Queue<String> approved = new ConcurrentLinkedQueue<>();
        AtomicInteger left = new AtomicInteger(count);
        onEveryUser(() -> left.getAndDecrement() > 0, () -> approved.add(approvedConsent()));
        return approved;
    }

    /** One step of a user's journey, not measured; an unexpected answer is an {@link IllegalStateException}. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * {@code step} again and again while {@code more} holds, by {@link #CLIENTS} users at once. A step the
     * platform answered unexpectedly is left out, counted and the first one printed; any other failure
     * fails the benchmark.
     */
    private void onEveryUser(BooleanSupplier more, Step step) throws Exception {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> first = new AtomicReference<>();
        ExecutorService users = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                done.add(users.submit(() -> {
                    while (more.getAsBoolean()) {
                        try {
                            step.run();
                        } catch (IllegalStateException e) {
                            failed.incrementAndGet();
                            first.compareAndSet(null, e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            users.shutdownNow();
        }
        if (failed.get() > 0) {
            out.printf(Locale.ROOT, "  %d left out, answered unexpectedly; the first: %s%n", failed.get(), first.get());
        }
    }

    /** A payment consent created, then approved by the user at the bank; its id. */
    private String approvedConsent() throws Exception {
        JsonNode consent = partner.send("POST", consents(), consentRequest(), 201);
        URI back = partner.approveAtBank(consent.path("authorisationUrl").asText(), USER_CPF);
        if (!back.toString().contains("status=AUTHORISED")) {
            throw new IllegalStateException("The consent was not authorised: " + back);
        }
        return consent.path("id").asText();
    }

    private HttpRequest.Builder consentCall() {
        return partnerCall(consents(), consentRequest());
    }

    /** A payment on the next approved consent; null when none is left. */
    private HttpRequest.Builder paymentCall(Queue<String> approved) {
        String consentId = approved.poll();
        return consentId == null ? null : partnerCall(payments(), paymentRequest(consentId));
    }

    private HttpRequest.Builder partnerCall(String url, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").header("authorization", "Bearer " + partner.token())
                    .header("x-idempotency-key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A payment consent sandbox-bank accepts: today in Brasília, by DICT key, for the logged user's CPF. */
    private static Map<String, Object> consentRequest() {
        return Map.of("transmitter", BenchPartner.BANK, "redirectUri", "https://partner.example/return",
                "loggedUser", Map.of("document", Map.of("identification", USER_CPF, "rel", "CPF")),
                "creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000181", "name", "Padaria Pao Quente"),
                "payment", Map.of("type", "PIX", "date", LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString(),
                        "currency", "BRL", "amount", "10.00", "details", Map.of("localInstrument", "DICT", "proxy", "padaria@example.com",
                                "creditorAccount", Map.of("ispb", "99999004", "issuer", "0001", "number", "1234567", "accountType", "CACC"))));
    }

    private static Map<String, Object> paymentRequest(String consentId) {
        return Map.of("consentId", consentId, "cnpjInitiator", "11222333000181", "remittanceInformation", "Benchmark");
    }

    private String consents() {
        return "http://localhost:" + platform.ports().consent() + "/v1/payment-consents";
    }

    private String payments() {
        return "http://localhost:" + platform.ports().payment() + "/v1/pix/payments";
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
        if (database != null) {
            try {
                database.close();
            } catch (SQLException e) {
                // the platform stops anyway
            }
        }
        platform.close();
    }
}
