package dev.paperstream.query.persistence;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.query.domain.Subscription;
import dev.paperstream.query.domain.SubscriptionFilters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Saved searches and their deliveries in PostgreSQL; maps rows to and from {@link Subscription}. */
@ApplicationScoped
public class SubscriptionStore {

    private final ObjectMapper json;

    public SubscriptionStore(ObjectMapper json) {
        this.json = json;
    }

    @Transactional
    public void insert(Subscription subscription) {
        SubscriptionEntity row = new SubscriptionEntity();
        row.id = subscription.id();
        row.owner = subscription.owner();
        row.name = subscription.name();
        row.filtersJson = write(subscription.filters());
        row.webhookUrl = subscription.webhookUrl().map(URI::toString).orElse(null);
        row.webhookSecret = subscription.webhookSecret();
        row.feedToken = subscription.feedToken();
        row.createdAt = subscription.createdAt();
        row.persist();
    }

    public Optional<Subscription> find(String id) {
        return SubscriptionEntity.<SubscriptionEntity>findByIdOptional(id).map(this::toSubscription);
    }

    /** Every saved search that has a webhook, for matching. */
    public List<Subscription> withWebhooks() {
        return SubscriptionEntity.<SubscriptionEntity>list("webhookUrl is not null").stream()
                .map(this::toSubscription).toList();
    }

    @Transactional
    public boolean delete(String id) {
        return SubscriptionEntity.deleteById(id);
    }

    /** Stores new deliveries, due now; their order is the order given. */
    @Transactional
    public void addDeliveries(List<DeliveryEntity> deliveries) {
        for (DeliveryEntity delivery : deliveries) {
            delivery.persist();
        }
    }

    /** A subscription's newest deliveries, newest first. */
    public List<DeliveryEntity> deliveries(String subscriptionId, int limit) {
        return DeliveryEntity.<DeliveryEntity>find("subscriptionId = ?1 order by seq desc", subscriptionId)
                .page(0, limit).list();
    }

    /** A delivery's attempts, oldest first. */
    public List<DeliveryAttemptEntity> attempts(String deliveryId) {
        return DeliveryAttemptEntity.list("deliveryId = ?1 order by id", deliveryId);
    }

    /**
     * Locks and returns due deliveries, each the oldest pending one of its subscription (so that a subscription's
     * deliveries arrive in order), skipping rows another replica holds. Call inside a transaction.
     */
    @SuppressWarnings("unchecked")
    public List<DeliveryEntity> claimDue(Instant now, int limit) {
        return DeliveryEntity.getEntityManager().createNativeQuery("""
                select d.* from webhook_delivery d
                where d.status = 'pending' and d.next_attempt_at <= :now
                  and not exists (select 1 from webhook_delivery e where e.subscription_id = d.subscription_id
                                  and e.status = 'pending' and e.seq < d.seq)
                order by d.seq limit :limit
                for update of d skip locked""", DeliveryEntity.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    private Subscription toSubscription(SubscriptionEntity row) {
        return new Subscription(row.id, row.owner, row.name, read(row.filtersJson),
                Optional.ofNullable(row.webhookUrl).map(URI::create), row.webhookSecret, row.feedToken, row.createdAt);
    }

    private String write(SubscriptionFilters filters) {
        try {
            return json.writeValueAsString(filters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write filters as JSON", e);
        }
    }

    private SubscriptionFilters read(String filters) {
        try {
            return json.readValue(filters, SubscriptionFilters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored subscription's filters are not readable: " + filters, e);
        }
    }
}
