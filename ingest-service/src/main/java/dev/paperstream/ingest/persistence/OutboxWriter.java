package dev.paperstream.ingest.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/** Inserts outbox rows as one JDBC batch inside the caller's transaction, in the order given. */
@ApplicationScoped
public class OutboxWriter {

    private final AgroalDataSource dataSource;

    public OutboxWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues the rows for the relay; their ids (and so their relay order) follow the list's order. */
    public void write(List<OutboxEventEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into outbox_event (event_id,"
                        + " event_type, message_key, payload, superseded_by, version, source, created_at, trace_parent)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (OutboxEventEntity row : rows) {
                insert.setObject(1, row.eventId);
                insert.setString(2, row.eventType);
                insert.setString(3, row.messageKey);
                insert.setString(4, row.payload);
                insert.setString(5, row.supersededBy);
                insert.setObject(6, row.version, Types.BIGINT);
                insert.setString(7, row.source);
                insert.setTimestamp(8, Timestamp.from(row.createdAt));
                insert.setString(9, row.traceParent);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("could not write outbox events", e);
        }
    }
}
