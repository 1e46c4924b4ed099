package br.com.ponte.bench;

import br.com.ponte.bench.AccessLog.Request;
import br.com.ponte.bench.OfferedLoad.Call;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where a phase's answered partner calls spent their time, from the services' access logs joined on
 * each call's trace id: sandbox-bank's own time (the floor: what the bank takes whoever calls it),
 * <b>Ponte's overhead</b> = the partner's latency − sandbox-bank's time, and that overhead split
 * into the vault's time, the other Ponte services' (consent-service's grant to payment-service) and
 * the rest (the partner's service itself: its database, TLS, the hops, queueing). Also per partner
 * call: each service's requests by operation, and the new TLS connections to the bank (each a full
 * handshake: sandbox-bank never resumes a session).
 */
final class Breakdown {

    static final String BANK = "sandbox-bank";
    static final String VAULT = "certificate-vault";

    private final String partnerService;
    private final String partnerOperation;
    private final List<Call> calls = new ArrayList<>();
    private final List<List<Request>> requests = new ArrayList<>();
    private final Map<String, Integer> newConnections;

    private Breakdown(String partnerService, String partnerOperation, Map<String, Integer> newConnections) {
        this.partnerService = partnerService;
        this.partnerOperation = partnerOperation;
        this.newConnections = newConnections;
    }

    /**
     * The breakdown of {@code answered} calls to {@code partnerOperation} (e.g. {@code POST /v1/payment-consents})
     * of {@code partnerService}; {@code logs} maps each service to its log. Calls whose own line is not in
     * the partner service's log (yet) are left out.
     */
    static Breakdown of(List<Call> answered, Map<String, Path> logs, String partnerService, String partnerOperation) {
        Set<String> traceIds = answered.stream().map(Call::traceId).collect(Collectors.toSet());
        Map<String, List<Request>> traces = AccessLog.byTrace(logs, traceIds);
        Breakdown breakdown = new Breakdown(partnerService, partnerOperation, newBankConnections(logs.get(BANK), traceIds));
        for (Call call : answered) {
            List<Request> trace = traces.getOrDefault(call.traceId(), List.of());
            if (trace.stream().anyMatch(breakdown::isPartnerCall)) {
                breakdown.calls.add(call);
                breakdown.requests.add(trace);
            }
        }
        return breakdown;
    }

    /** Per trace of {@code traceIds}, the TLS sessions the bank saw first in one of its requests. */
    private static Map<String, Integer> newBankConnections(Path bankLog, Set<String> traceIds) {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> opened = new HashMap<>();
        AccessLog.read(BANK, bankLog).filter(r -> !r.tlsSession().equals("-")).forEach(r -> {
            if (seen.add(r.tlsSession()) && traceIds.contains(r.traceId())) {
                opened.merge(r.traceId(), 1, Integer::sum);
            }
        });
        return opened;
    }

    private boolean isPartnerCall(Request request) {
        return request.service().equals(partnerService) && request.operation().equals(partnerOperation);
    }

    int size() {
        return calls.size();
    }

    /** Per call: the partner's latency less sandbox-bank's time, in ms. */
    List<Double> overhead() {
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            overhead.add(calls.get(i).latencyMillis() - millis(requests.get(i), BANK));
        }
        return overhead;
    }

    /** Per call: the time of the requests {@code service} served for it, besides the partner's call itself, in ms. */
    private List<Double> component(String service) {
        return requests.stream().map(trace -> millis(trace, service)).toList();
    }

    private double millis(List<Request> trace, String service) {
        return trace.stream().filter(r -> r.service().equals(service) && !isPartnerCall(r)).mapToDouble(Request::millis).sum();
    }

    /** The services Ponte called for the partner's call, besides the bank: the vault first, then the others seen. */
    private List<String> ponteServices() {
        Set<String> services = new TreeSet<>();
        requests.forEach(trace -> trace.stream().filter(r -> !r.service().equals(BANK) && !isPartnerCall(r))
                .forEach(r -> services.add(r.service())));
        List<String> ordered = new ArrayList<>();
        if (services.remove(VAULT)) {
            ordered.add(VAULT);
        }
        ordered.addAll(services);
        return ordered;
    }

    void print(PrintStream out, double targetP99Millis) {
        if (calls.isEmpty()) {
            out.println("    (no answered call found in the access logs)");
            return;
        }
        List<Double> overhead = overhead();
        double p99 = Percentiles.of(overhead, 99);
        out.printf(Locale.ROOT, "    Ponte's overhead      %s   target p99 < %.0f ms: %s (partner's latency - sandbox-bank's time, %d calls)%n",
                p50p99(overhead), targetP99Millis, p99 < targetP99Millis ? "met" : "MISSED", calls.size());
        out.printf(Locale.ROOT, "      sandbox-bank        %s   the floor: the bank's own time; %s; new TLS connections %.2f per call%n",
                p50p99(component(BANK)), operations(BANK), newConnections.values().stream().mapToInt(Integer::intValue).sum()
                        / (double) calls.size());
        List<Double> rest = new ArrayList<>(overhead);
        for (String service : ponteServices()) {
            List<Double> time = component(service);
            out.printf(Locale.ROOT, "      %-19s %s   in the overhead; %s%n", service, p50p99(time), operations(service));
            for (int i = 0; i < rest.size(); i++) {
                rest.set(i, rest.get(i) - time.get(i));
            }
        }
        out.printf(Locale.ROOT, "      the rest (Ponte)    %s   %s itself: its database, the hops, TLS, JSON, queueing%n",
                p50p99(rest), partnerService);
        List<Double> served = requests.stream().map(trace -> trace.stream().filter(this::isPartnerCall)
                .mapToDouble(Request::millis).sum()).toList();
        List<Double> outside = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            outside.add(calls.get(i).latencyMillis() - served.get(i));
        }
        out.printf(Locale.ROOT, "      %-19s %s   its access log; the partner's latency less it (client, loopback, waiting to be read): %s%n",
                partnerService, p50p99(served), p50p99(outside));
    }

    /** {@code service}'s requests per partner call by operation, with their median time. */
    private String operations(String service) {
        Map<String, List<Double>> byOperation = new TreeMap<>();
        requests.forEach(trace -> trace.stream().filter(r -> r.service().equals(service) && !isPartnerCall(r))
                .forEach(r -> byOperation.computeIfAbsent(r.operation(), o -> new ArrayList<>()).add(r.millis())));
        if (byOperation.isEmpty()) {
            return "no request";
        }
        Map<String, String> described = new LinkedHashMap<>();
        byOperation.forEach((operation, millis) -> described.put(operation, String.format(Locale.ROOT, "%.2f x %s (p50 %.1f ms)",
                millis.size() / (double) calls.size(), operation, Percentiles.of(millis, 50))));
        return String.join(", ", described.values());
    }

    static String p50p99(List<Double> millis) {
        return String.format(Locale.ROOT, "p50 %6.1f  p99 %6.1f ms", Percentiles.of(millis, 50), Percentiles.of(millis, 99));
    }
}
