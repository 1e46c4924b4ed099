package br.com.ponte.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The W3C {@code traceparent} that carries a trace where OpenTelemetry's own instrumentation does not:
 * through the outbox (a column, placed as a Kafka header by the event router), through the
 * dispatcher's database (the message keeps its event's), and onto the webhook.
 */
public final class Traceparent {

    public static final String HEADER = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private Traceparent() {
    }

    /** The current span's traceparent, or null outside a valid span. */
    public static String current() {
        return of(Context.current());
    }

    /** The traceparent of {@code context}'s span, or null when it has none. */
    public static String of(Context context) {
        String[] value = new String[1];
        W3C.inject(context, value, (carrier, key, v) -> {
            if (HEADER.equals(key)) {
                carrier[0] = v;
            }
        });
        return value[0];
    }

    /** The context a traceparent stands for (an invalid or absent one gives the root context: a new trace). */
    public static Context context(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(HEADER, traceparent), MapGetter.INSTANCE);
    }

    /** The record's traceparent header when it names a valid span, else null. */
    public static String fromHeaders(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.UTF_8);
        SpanContext span = Span.fromContext(context(value)).getSpanContext();
        return span.isValid() ? value : null;
    }

    /** Writes {@code context}'s traceparent (and tracestate, if any) with {@code put}. */
    public static void inject(Context context, BiConsumer<String, String> put) {
        W3C.inject(context, put, (carrier, key, value) -> carrier.accept(key, value));
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
