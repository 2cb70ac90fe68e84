package dev.paperstream.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Where a service's spans go, chosen at run time: an OpenTelemetry collector over OTLP/HTTP when
 * {@code paperstream.tracing.otlp-endpoint} names one, the log when {@code paperstream.tracing.log-spans} is on (the
 * local stack's {@code stack traces}), else nowhere. Spans and their ids in log lines exist either way. Quarkus'
 * own OTLP exporter would always send, to localhost:4317 when nothing is configured; a SpanExporter bean replaces it.
 */
@Dependent
public class SpanExport {

    @Produces
    @Singleton
    SpanExporter spanExporter(
            @ConfigProperty(name = "paperstream.tracing.otlp-endpoint") Optional<String> otlpEndpoint,
            @ConfigProperty(name = "paperstream.tracing.log-spans", defaultValue = "false") boolean logSpans) {
        return exporter(otlpEndpoint, logSpans);
    }

    /** The exporters configured: OTLP/HTTP to {@code <endpoint>/v1/traces}, the log, both or none. */
    static SpanExporter exporter(Optional<String> otlpEndpoint, boolean logSpans) {
        List<SpanExporter> exporters = new ArrayList<>(2);
        otlpEndpoint.filter(endpoint -> !endpoint.isBlank()).ifPresent(endpoint -> exporters.add(
                OtlpHttpSpanExporter.builder().setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces").build()));
        if (logSpans) {
            exporters.add(LoggingSpanExporter.create());
        }
        return SpanExporter.composite(exporters);
    }
}
