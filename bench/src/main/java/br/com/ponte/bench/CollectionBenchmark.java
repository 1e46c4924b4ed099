package br.com.ponte.bench;

import br.com.ponte.devstack.StackPorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of collection-service against sandbox-bank, the whole platform as {@code ./ponte up} runs
 * it (every service its own JVM, real Kafka and PostgreSQL): a partner set up as in production
 * shares, for sandbox-bank's bench customer, 5 checking accounts of about 11,000 transactions each;
 * the user's journey is driven through Ponte's screens' forms and the bank's page. Measured:
 * <ol>
 *   <li>the <b>initial collection</b> of the accounts group: its time (from {@code collection:started}
 *   to {@code collection:finished}, and from the user's return), the transactions stored per second,
 *   and collection-service's peak resident memory (sampled every 100 ms from {@code /proc}) and heap;</li>
 *   <li>the <b>partner's read of 10,000 transactions</b> of one account through the API: every page at
 *   once ({@code all=true}) and a page of 1,000 at a time, p50/p99.</li>
 * </ol>
 * Every figure is printed; the exit code is 0 when the run completed and its checks held (every
 * transaction of the bank's books collected once), 2 when a check failed, 1 on an error.
 */
public final class CollectionBenchmark implements BenchPlatform.Benchmark {

    static final ObjectMapper JSON = BenchPartner.JSON;
    static final String BENCH_CPF = "31415926590";
    static final int READS = Integer.getInteger("bench.reads", 30);
    static final int PAGE_WALKS = Integer.getInteger("bench.pageWalks", 10);
    private static final Pattern REFRESH = Pattern.compile("http-equiv=\"refresh\" content=\"\\d+;\\s*url=([^\"]+)\"");

    private final BenchPlatform platform;
    private final PrintStream out;
    private BenchPartner partner;
    private HttpClient http;

    CollectionBenchmark(BenchPlatform platform, PrintStream out) {
        this.platform = platform;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchPlatform.main(args, "collection", "Usage: bench/run collection [-Dbench.reads=30] [-Dbench.pageWalks=10] (see bench/README.md)",
                CollectionBenchmark::new);
    }

    @Override
    public int run() throws Exception {
        // the bank's books still while measuring
        platform.withEnvironment("sandbox-bank", Map.of("SANDBOX_DATA_NEW_TRANSACTIONS_EVERY", "PT24H")).start(out);
        StackPorts ports = platform.ports();
        partner = BenchPartner.onboard(platform, "Bench");
        http = partner.http();
        String secret = partner.receiveWebhooks(ports, "http://127.0.0.1:" + ports.demoReceiver() + "/hooks/bench", false);
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.demoReceiver() + "/secret"))
                .PUT(HttpRequest.BodyPublishers.ofString(secret)).build(), HttpResponse.BodyHandlers.discarding());
        long pid = platform.pid("collection-service");
        long rssAtStart = rss(pid, "VmRSS");

        // the user shares the bench customer's five accounts (the journey through the screens' forms)
        out.println("Sharing the bench customer's accounts (CPF " + BENCH_CPF + ") ...");
        JsonNode session = partner.send("POST", "http://localhost:" + ports.consent() + "/v1/sharing-sessions", Map.of(
                "loggedUser", Map.of("document", Map.of("identification", BENCH_CPF, "rel", "CPF")),
                "purpose", "Benchmark da coleta", "durationMonths", 12, "redirectUri", "https://partner.example/return",
                "permissionGroups", List.of(Map.of("group", "ACCOUNTS_TRANSACTIONS", "mandatory", true))), 201);
        String url = session.path("url").asText();
        partner.form(url + "/data", "group=ACCOUNTS_TRANSACTIONS&duration=12", 303);
        HttpResponse<String> redirect = partner.form(url + "/institution", "bank=" + BenchPartner.BANK, 200);
        Matcher refresh = REFRESH.matcher(redirect.body());
        if (!refresh.find()) {
            throw new IllegalStateException("No redirect to the bank: " + redirect.body());
        }
        URI back = partner.approveAtBank(refresh.group(1).replace("&amp;", "&"), BENCH_CPF);
        Instant returned = Instant.now();
        String consentId = back.toString().replaceAll(".*consent=", "");

        // sample collection-service's memory until the accounts' initial collection finished
        AtomicLong peakRss = new AtomicLong(rssAtStart);
        AtomicLong peakHeap = new AtomicLong();
        JsonNode finished = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (finished == null) {
            peakRss.accumulateAndGet(rss(pid, "VmRSS"), Math::max);
            heap(ports.collection()).ifPresent(h -> peakHeap.accumulateAndGet(h, Math::max));
            finished = event(consentId, "collection:finished").orElse(null);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The initial collection did not finish within 15 minutes");
            }
            Thread.sleep(100);
        }
        long hwm = rss(pid, "VmHWM");
        JsonNode data = finished.path("event").path("data");
        Instant started = Instant.parse(data.path("startedAt").asText());
        Instant ended = Instant.parse(data.path("finishedAt").asText());
        int stored = data.path("counts").path("ACCOUNT_TRANSACTION").asInt();
        double seconds = Duration.between(started, ended).toMillis() / 1000.0;

        // checks: every transaction of the bank's books, once
        JsonNode accounts = partner.send("GET", collection(ports, consentId) + "/accounts", null, 200).path("data");
        int booked = 0;
        int served = 0;
        String firstAccount = null;
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo"));
        for (JsonNode account : accounts) {
            String id = account.path("accountId").asText();
            firstAccount = firstAccount == null ? id : firstAccount;
            booked += partner.send("GET", "http://localhost:" + ports.sandbox() + "/sandbox/brands/sandbox/accounts/" + id
                    + "/transactions?fromBookingDate=" + today.minusMonths(12) + "&toBookingDate=" + today.plusDays(31), null, 200)
                    .path("data").size();
            served += partner.send("GET", collection(ports, consentId) + "/accounts/" + id + "/transactions?all=true", null, 200)
                    .path("data").size();
        }
        boolean complete = accounts.size() == 5 && booked == served && stored == served;

        // the partner's reads of one account's transactions
        String transactions = collection(ports, consentId) + "/accounts/" + firstAccount + "/transactions";
        List<Double> all = new ArrayList<>();
        int readSize = 0;
        for (int i = 0; i < READS + 3; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> answer = partner.get(transactions + "?all=true");
            double ms = (System.nanoTime() - t0) / 1e6;
            readSize = JSON.readTree(answer.body()).path("data").size();
            if (i >= 3) {
                all.add(ms);
            }
        }
        List<Double> pages = new ArrayList<>();
        for (int walk = 0; walk < PAGE_WALKS + 1; walk++) {
            String cursor = null;
            do {
                long t0 = System.nanoTime();
                HttpResponse<String> answer = partner.get(transactions + "?page-size=1000"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                double ms = (System.nanoTime() - t0) / 1e6;
                if (walk > 0) {
                    pages.add(ms);
                }
                cursor = JSON.readTree(answer.body()).path("meta").path("cursor").asText(null);
            } while (cursor != null);
        }

        out.println();
        out.println("Initial collection of 5 accounts (sandbox-bank, mutual TLS, pages of 1,000):");
        out.printf(Locale.ROOT, "  transactions stored            %,d (the bank's books: %,d; served back: %,d)%n", stored, booked, served);
        out.printf(Locale.ROOT, "  collection time                %.1f s (collection:started -> finished)%n", seconds);
        out.printf(Locale.ROOT, "  from the user's return         %.1f s%n", Duration.between(returned, ended).toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  rows stored per second         %,.0f%n", stored / seconds);
        out.printf(Locale.ROOT, "  collection-service memory      peak RSS %d MiB (VmHWM %d MiB, %d MiB before), peak heap used %d MiB%n",
                peakRss.get() / 1024, hwm / 1024, rssAtStart / 1024, peakHeap.get() / (1024 * 1024));
        out.printf(Locale.ROOT, "The partner's read of one account's %,d transactions:%n", readSize);
        out.printf(Locale.ROOT, "  all=true (every page at once)  p50 %.0f ms, p99 %.0f ms (%d reads)%n", Percentiles.of(all, 50),
                Percentiles.of(all, 99), all.size());
        out.printf(Locale.ROOT, "  page-size=1000 with cursor     p50 %.0f ms, p99 %.0f ms (%d pages)%n", Percentiles.of(pages, 50),
                Percentiles.of(pages, 99), pages.size());
        out.println(complete ? "Checks: every transaction of the bank's books collected and served once."
                : "CHECK FAILED: accounts " + accounts.size() + ", books " + booked + ", stored " + stored + ", served " + served);
        return complete ? 0 : 2;
    }

    /** The receiver's delivery of the consent's first {@code type} event about its accounts, if it arrived. */
    private Optional<JsonNode> event(String consentId, String type) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.ports().demoReceiver() + "/received"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JsonNode delivery = JSON.readTree(line);
                JsonNode event = delivery.path("event");
                if (consentId.equals(event.path("data").path("consentId").asText()) && type.equals(event.path("type").asText())
                        && "ACCOUNTS".equals(event.path("data").path("group").asText())) {
                    return Optional.of(delivery);
                }
            }
        }
        return Optional.empty();
    }

    private static String collection(StackPorts ports, String consentId) {
        return "http://localhost:" + ports.collection() + "/v1/sharing-consents/" + consentId;
    }

    /** Heap used by collection-service, from its Prometheus metrics. */
    private Optional<Long> heap(int port) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum == 0 ? Optional.empty() : Optional.of(sum);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A field of {@code /proc/<pid>/status} in KiB (VmRSS: resident now; VmHWM: its peak); 0 when the process is gone. */
    private static long rss(long pid, String field) {
        return Math.max(0, CpuMeter.statusKib(pid, field));
    }

    @Override
    public void close() {
        platform.close();
    }
}
