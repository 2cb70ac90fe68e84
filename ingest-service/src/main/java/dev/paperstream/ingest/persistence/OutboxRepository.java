package dev.paperstream.ingest.persistence;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** The outbox: pending events in insertion order. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEventEntity, Long> {

    /**
     * The oldest pending events, locked: only the lease holder relays, and a former holder still finishing a
     * batch makes the new one wait rather than send the same rows beside it.
     */
    public List<OutboxEventEntity> lockOldest(int limit) {
        return find("order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                // Rows are read, sent and deleted, never changed: no snapshots to dirty-check at commit.
                .withHint("org.hibernate.readOnly", true)
                .page(0, limit)
                .list();
    }
}
