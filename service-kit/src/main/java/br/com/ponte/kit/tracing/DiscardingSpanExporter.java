package br.com.ponte.kit.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfig;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * Keeps tracing's exporter off by default: while no OTLP endpoint is configured this exporter is
 * the one in place (Quarkus' OTLP exporter stands aside when an exporter bean exists), and spans are
 * dropped after the trace context has been propagated. {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}
 * (an OTLP/gRPC collector) removes it and turns the OTLP exporter on: one variable, at run time.
 */
@Singleton
@Unremovable
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = OtlpExporterConfig.DEFAULT_GRPC_BASE_URI)
public class DiscardingSpanExporter implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
