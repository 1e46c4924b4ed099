package br.com.ponte.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The services' HTTP access logs, as the benchmark has Quarkus write them into each service's log
 * ({@link #ENVIRONMENT}): per request the caller's W3C {@code traceparent}, the time the service
 * took (from the request's headers read to the response's end, in microseconds), the status, the
 * method, the path and the TLS session (a new one is a full handshake: sandbox-bank never resumes).
 */
final class AccessLog {

    private static final String MARKER = "bench-access";

    /**
     * Quarkus' access log, on; the attributes as {@code quarkus-vertx-http} (3.29) names them:
     * {@code %{i,<header>}}, {@code %{RESPONSE_TIME_MICROS}} (which needs the request's start time
     * recorded, off by default), {@code %s}, {@code %m}, {@code %R} (path), {@code %{SSL_SESSION_ID}}
     * ("-" without TLS).
     */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true",
            "QUARKUS_HTTP_RECORD_REQUEST_START_TIME", "true",
            "QUARKUS_HTTP_ACCESS_LOG_PATTERN",
            MARKER + " %{i,traceparent} %{RESPONSE_TIME_MICROS} %s %m %R %{SSL_SESSION_ID}");

    private static final Pattern LINE = Pattern.compile(MARKER + " (\\S+) (\\d+) (\\d+) (\\S+) (\\S+) (\\S+)");
    private static final Pattern ID_SEGMENT = Pattern.compile("/(?:[0-9a-fA-F-]{32,36}|urn:[^/]+)(?=/|$)");

    /** One request a service served; {@code operation} is its method and path with ids as {@code *}. */
    record Request(String service, String traceId, long micros, int status, String operation, String tlsSession) {

        double millis() {
            return micros / 1000.0;
        }
    }

    private AccessLog() {
    }

    /**
     * The requests of {@code traceIds} each service served, by trace id, in log order; {@code logs} maps
     * a service's name to its log file.
     */
    static Map<String, List<Request>> byTrace(Map<String, Path> logs, Set<String> traceIds) {
        Map<String, List<Request>> traces = new HashMap<>();
        logs.forEach((service, log) -> read(service, log).filter(r -> traceIds.contains(r.traceId()))
                .forEach(r -> traces.computeIfAbsent(r.traceId(), t -> new ArrayList<>()).add(r)));
        return traces;
    }

    /** Every request {@code service} logged so far (traced or not). */
    static Stream<Request> read(String service, Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
        return lines.stream().map(LINE::matcher).filter(Matcher::find).map(m -> new Request(service, traceId(m.group(1)),
                Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
                m.group(4) + " " + ID_SEGMENT.matcher(m.group(5)).replaceAll("/*"), m.group(6)));
    }

    /** The trace id of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}); "-" when there is none. */
    private static String traceId(String traceparent) {
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? parts[1] : "-";
    }
}
