package dev.paperstream.query.persistence;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attempt at a delivery: when, and the target's status code or the error. */
@Entity
@Table(name = "webhook_attempt")
public class DeliveryAttemptEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "delivery_id", nullable = false)
    public String deliveryId;
    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;
    @Column(name = "status_code")
    public Integer statusCode;
    public String error;
}
