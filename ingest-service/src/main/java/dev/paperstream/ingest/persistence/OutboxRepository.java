package dev.paperstream.ingest.persistence;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** The outbox: pending events in insertion order. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEventEntity, Long> {

    /**
     * The oldest pending events, locked so that another replica's relay skips them rather than
     * publishing them twice.
     */
    public List<OutboxEventEntity> lockOldest(int limit) {
        return find("order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // -2: SKIP LOCKED
                .page(0, limit)
                .list();
    }
}
