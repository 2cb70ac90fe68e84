package dev.paperstream.query.persistence;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A saved search: its owner, filters (JSON), optional webhook and the token of its feed. */
@Entity
@Table(name = "subscription")
public class SubscriptionEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String owner;
    @Column(nullable = false)
    public String name;
    @Column(name = "filters_json", nullable = false)
    public String filtersJson;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "webhook_secret")
    public String webhookSecret;
    @Column(name = "feed_token", nullable = false)
    public String feedToken;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
