package dev.paperstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void deadlocksOutagesAndARestartingServerPassByThemselves() {
        assertThat(SqlFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(SqlFailures.isTransient(new SQLException("the database system is not yet accepting connections",
                "57P03"))).isTrue();
        assertThat(SqlFailures.isTransient(new IllegalStateException("Unable to acquire JDBC Connection",
                new SQLException("the database system is starting up", "57P03")))).isTrue();
        assertThat(SqlFailures.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(SqlFailures.isTransient(new IllegalStateException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection",
                        new java.util.concurrent.TimeoutException())))).isTrue();
    }

    @Test
    void dataErrorsAndMissingStatesDoNotPass() {
        assertThat(SqlFailures.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(SqlFailures.isTransient(new SQLException("no state at all"))).isFalse();
        assertThat(SqlFailures.isTransientState(null)).isFalse();
        assertThat(SqlFailures.isTransient(new IllegalArgumentException("a bug"))).isFalse();
    }
}
