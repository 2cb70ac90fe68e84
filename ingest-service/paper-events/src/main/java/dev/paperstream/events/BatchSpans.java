package dev.paperstream.events;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/** The spans of a batch-consumed Kafka poll: one per record, continuing each paper's trace, ended together. */
public final class BatchSpans {

    private BatchSpans() {
    }

    /** A CONSUMER span for a record, child of the span its traceparent header names (a new trace without one). */
    public static Span startProcessing(Tracer tracer, String topic, int partition, long offset, String key,
            String traceParent) {
        return tracer.spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceParent.parent(traceParent))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.kafka.message.key", String.valueOf(key))
                .setAttribute("messaging.kafka.offset", offset)
                .setAttribute("messaging.destination.partition.id", Integer.toString(partition))
                .startSpan();
    }

    /** Ends the batch's spans; when the batch was not settled (it will be redelivered), as errors. */
    public static void endAll(List<Span> spans, boolean settled) {
        for (Span span : spans) {
            if (!settled) {
                span.setStatus(StatusCode.ERROR, "batch not settled; it will be redelivered");
            }
            span.end();
        }
    }
}
