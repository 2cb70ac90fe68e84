package dev.paperstream.query.persistence;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One webhook POST of a batch of papers: its body, and where its attempts stand. */
@Entity
@Table(name = "webhook_delivery")
public class DeliveryEntity extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String GAVE_UP = "gave-up";

    @Id
    public String id;
    @Column(name = "subscription_id", nullable = false)
    public String subscriptionId;
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(nullable = false)
    public String body;
    public int papers;
    @Column(nullable = false)
    public String status;
    public int attempts;
    @Column(name = "last_status")
    public Integer lastStatus;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
