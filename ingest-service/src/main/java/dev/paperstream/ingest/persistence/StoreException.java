package dev.paperstream.ingest.persistence;

import java.sql.SQLException;

/** A JDBC failure of the paper store, keeping the driver's exception (and its SQLState) as the cause. */
public class StoreException extends RuntimeException {

    public StoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** The SQLState of the first SQL exception in the cause chain, else null. */
    public String sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
