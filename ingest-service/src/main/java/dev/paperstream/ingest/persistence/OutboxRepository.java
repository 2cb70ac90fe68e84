package dev.paperstream.ingest.persistence;

import java.time.Duration;
import java.time.Instant;
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
        return find("parkedAt is null order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                // Rows are read, sent and deleted, never changed: no snapshots to dirty-check at commit.
                .withHint("org.hibernate.readOnly", true)
                .page(0, limit)
                .list();
    }

    /** Rows waiting to be sent (parked ones excluded). */
    public long pending() {
        return count("parkedAt is null");
    }

    /** Rows Kafka refused for good. */
    public long parked() {
        return count("parkedAt is not null");
    }

    /** Seconds since the oldest row waiting to be sent was written; 0 when none waits. */
    public double oldestPendingAgeSeconds() {
        Instant oldest = getEntityManager()
                .createQuery("select min(createdAt) from OutboxEventEntity where parkedAt is null", Instant.class)
                .getSingleResult();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    /** Parks the row: it stays, with the reason, and is never sent again. */
    public void park(long id, String reason) {
        update("parkedAt = ?1, parkedReason = ?2 where id = ?3", Instant.now(), reason, id);
    }
}
