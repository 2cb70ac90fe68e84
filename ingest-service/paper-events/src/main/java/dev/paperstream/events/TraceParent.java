package dev.paperstream.events;

import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A span's W3C {@code traceparent} value, carried where OpenTelemetry's own propagation does not reach: the outbox
 * row between a listing's transaction and the relay, and the records of batch-consumed Kafka polls.
 */
public final class TraceParent {

    /** The Kafka header (and HTTP header) name of W3C trace context. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /** The current span's traceparent, or null when there is no valid current span (tracing off, no request). */
    public static String current() {
        return of(Span.current());
    }

    /** The span's traceparent ({@code 00-<trace id>-<span id>-<flags>}), or null for an invalid span. */
    public static String of(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The context to parent a span on: the remote span the value names, or the root context when null or malformed. */
    public static Context parent(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceParent), MAP);
    }
}
