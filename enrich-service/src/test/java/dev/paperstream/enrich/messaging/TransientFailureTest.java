package dev.paperstream.enrich.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class TransientFailureTest {

    @Test
    void deadlocksSerializationFailuresAndOutagesAreRetried() {
        assertThat(PaperEnricher.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(PaperEnricher.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(PaperEnricher.isTransient(new SQLException("lock timeout", "55P03"))).isTrue();
        assertThat(PaperEnricher.isTransient(new SQLException("terminating connection: admin shutdown", "57P01")))
                .isTrue();
        assertThat(PaperEnricher.isTransient(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(PaperEnricher.isTransient(new IllegalStateException("wrapped",
                new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(PaperEnricher.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void dataThePaperItselfCarriesIsNotRetried() {
        assertThat(PaperEnricher.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(PaperEnricher.isTransient(new SQLException("no state"))).isFalse();
        assertThat(PaperEnricher.isTransient(new IllegalArgumentException("bug"))).isFalse();
    }
}
