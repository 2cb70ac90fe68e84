package dev.paperstream.events;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Which PostgreSQL failures pass by themselves, once for every service: retry them (or answer 503), never
 * dead-letter or answer 500 for them.
 */
public final class SqlFailures {

    /**
     * Deadlock (40P01), serialization failure (40001), lock and statement timeouts (55P03, 57014), a server shutting
     * down, crashed or still starting (57P01–57P03), out of connections (53300); and all of class 08 (connection).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40P01", "40001", "55P03", "57014", "57P01", "57P02",
            "57P03", "53300");

    private SqlFailures() {
    }

    /** Whether the SQLState names a failure that passes by itself; false for null. */
    public static boolean isTransientState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || TRANSIENT_STATES.contains(sqlState));
    }

    /**
     * Whether the failure, or one of its causes, is a transient database failure, a refused connection or a
     * connection that could not be had in time.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // TimeoutException: the pool had no connection to give in time (Agroal's acquisition timeout).
            if (t instanceof SQLTransientException || t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
