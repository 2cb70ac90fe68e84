package dev.paperstream.ingest.persistence;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event written in the same transaction as the paper change it describes, waiting for the relay to
 * publish it to Kafka. Rows are deleted once Kafka has acknowledged them.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEventEntity extends PanacheEntityBase {

    /** {@link #eventType} of a tombstone: the key's paper id is retired (it moved to {@link #supersededBy}). */
    public static final String TOMBSTONE = "PaperRetired";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id", nullable = false)
    public UUID eventId;
    @Column(name = "event_type", nullable = false)
    public String eventType;
    @Column(name = "message_key", nullable = false)
    public String messageKey;
    /** The encoded event; null for a tombstone retiring {@link #messageKey}. */
    public String payload;
    /** For a tombstone: the paper id that replaces the retired one. */
    @Column(name = "superseded_by")
    public String supersededBy;
    /** The paper version the event carries; for a tombstone, the retired id's next version (null on rows before V3). */
    public Long version;
    /** CloudEvents {@code source}: the listing the change came from. */
    @Column(name = "source", nullable = false)
    public String source;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /** The W3C traceparent of the span that wrote the row: the relay's send continues its trace. May be null. */
    @Column(name = "trace_parent")
    public String traceParent;
    /** When Kafka refused the row for good; a parked row is never sent again. */
    @Column(name = "parked_at")
    public Instant parkedAt;
    /** Why Kafka refused it. */
    @Column(name = "parked_reason")
    public String parkedReason;
}
