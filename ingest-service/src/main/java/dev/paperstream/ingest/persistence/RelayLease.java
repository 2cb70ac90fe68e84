package dev.paperstream.ingest.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.paperstream.ingest.config.IngestConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The right to relay the outbox, held by one ingest instance at a time: a PostgreSQL session advisory lock on a
 * connection this instance keeps open. One relay sends every paper's events in version order; with several
 * relays one could send a paper's version 2 while another still waits for the ack of its version 1. The lock
 * dies with its session, so when the holder stops, crashes or loses PostgreSQL, a standby takes it at its next
 * poll.
 *
 * <p>A holder that lost its session may still have sends in its Kafka producer that land later. So the holder
 * renews a heartbeat ({@code outbox_relay_lease.renewed_at}, PostgreSQL's clock) every second, clears it when it
 * releases the lease cleanly, and a new holder whose predecessor did not clear it waits until the heartbeat is
 * older than {@code takeover-grace} (longer than the producer's delivery timeout) before it relays.
 */
@ApplicationScoped
public class RelayLease {

    private static final Logger LOG = Logger.getLogger(RelayLease.class);
    /** First key of the advisory lock (an arbitrary constant); the second is the schema's hash. */
    private static final int LOCK_CLASS = 0x0b0c;
    private static final long RENEW_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final AgroalDataSource dataSource;
    private final String schema;
    private final Duration takeoverGrace;
    private Connection held;
    private long renewedAt;
    private long relayFrom;

    public RelayLease(AgroalDataSource dataSource, IngestConfig config,
            @ConfigProperty(name = "paperstream.db.schema") String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.takeoverGrace = config.outbox().takeoverGrace();
    }

    /**
     * Whether this instance holds the lease and may relay now, taking the lease when it is free. Call outside
     * any transaction.
     */
    public synchronized boolean mayRelay() {
        if (held != null && !renewIfDue()) {
            LOG.warn("Lost the PostgreSQL session that held the outbox relay lease; another instance may relay now");
            closeQuietly();
        }
        if (held == null && !take()) {
            return false;
        }
        return System.nanoTime() >= relayFrom;
    }

    private boolean take() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement take = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                take.setInt(1, LOCK_CLASS);
                take.setString(2, schema);
                try (ResultSet result = take.executeQuery()) {
                    if (!result.next() || !result.getBoolean(1)) {
                        connection.close();
                        return false;
                    }
                }
            }
            double age = heartbeatAgeSeconds(connection);
            held = connection;
            renewedAt = System.nanoTime() - RENEW_EVERY_NANOS;
            long waitNanos = age < 0 ? 0 : Math.max(0, takeoverGrace.toNanos() - (long) (age * 1e9));
            relayFrom = System.nanoTime() + waitNanos;
            if (waitNanos > 0) {
                LOG.infof("This instance now holds the outbox relay lease of schema %s; the previous holder did not"
                        + " release it, so it relays in %.1f s, once that holder's sends can no longer land",
                        schema, waitNanos / 1e9);
            } else {
                LOG.infof("This instance now relays the outbox of schema %s", schema);
            }
            return true;
        } catch (SQLException e) {
            LOG.debugf("Could not try the outbox relay lease: %s", e.getMessage());
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the connection is broken anyway
                }
            }
            return false;
        }
    }

    /** Seconds since the last holder's heartbeat, or -1 when it released the lease cleanly (or never held it). */
    private static double heartbeatAgeSeconds(Connection connection) throws SQLException {
        try (PreparedStatement age = connection.prepareStatement(
                "select extract(epoch from (now() - renewed_at)) from outbox_relay_lease where id = 1");
                ResultSet result = age.executeQuery()) {
            if (!result.next()) {
                return -1;
            }
            double seconds = result.getDouble(1);
            return result.wasNull() ? -1 : seconds;
        }
    }

    private boolean renewIfDue() {
        if (System.nanoTime() - renewedAt < RENEW_EVERY_NANOS) {
            return true;
        }
        try (PreparedStatement renew = held.prepareStatement(
                "update outbox_relay_lease set renewed_at = now() where id = 1")) {
            renew.setQueryTimeout(5);
            renew.executeUpdate();
            renewedAt = System.nanoTime();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Releases the lease on shutdown. {@code nothingInFlight}: no send of this instance can still land, so the
     * heartbeat is cleared and the next holder relays at once; otherwise it waits out the takeover grace.
     */
    public synchronized void release(boolean nothingInFlight) {
        if (held == null) {
            return;
        }
        try (PreparedStatement clear = held.prepareStatement(
                "update outbox_relay_lease set renewed_at = null where id = 1");
                PreparedStatement unlock = held.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            if (nothingInFlight) {
                clear.executeUpdate();
            }
            unlock.setInt(1, LOCK_CLASS);
            unlock.setString(2, schema);
            unlock.execute();
            LOG.infof("Released the outbox relay lease of schema %s", schema);
        } catch (SQLException e) {
            LOG.debugf("Could not release the outbox relay lease cleanly (it ends with the session): %s",
                    e.getMessage());
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            held.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
        held = null;
    }
}
