package dev.paperstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

class TraceParentTest {

    private static final String VALUE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void parentsOnTheRemoteSpanAValueNames() {
        SpanContext parent = Span.fromContext(TraceParent.parent(VALUE)).getSpanContext();

        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.isSampled()).isTrue();
    }

    @Test
    void writesTheValueOfASpanAsItWasRead() {
        assertThat(TraceParent.of(Span.fromContext(TraceParent.parent(VALUE)))).isEqualTo(VALUE);
    }

    @Test
    void startsANewTraceWhenTheValueIsMissingOrMalformed() {
        assertThat(Span.fromContext(TraceParent.parent(null)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceParent.parent("00-not-a-trace-01")).getSpanContext().isValid()).isFalse();
        assertThat(TraceParent.of(Span.getInvalid())).isNull();
    }

    @Test
    void currentIsNullOutsideASpan() {
        assertThat(TraceParent.current()).isNull();
    }
}
