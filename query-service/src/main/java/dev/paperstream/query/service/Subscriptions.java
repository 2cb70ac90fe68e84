package dev.paperstream.query.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.Subscription;
import dev.paperstream.query.domain.SubscriptionFilters;
import dev.paperstream.query.domain.WebhookTarget;
import dev.paperstream.query.persistence.DeliveryAttemptEntity;
import dev.paperstream.query.persistence.DeliveryEntity;
import dev.paperstream.query.persistence.SubscriptionStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Saved searches: create, read and delete them for their owner (or an admin), and open their feeds by token. */
@ApplicationScoped
public class Subscriptions {

    static final int MAX_NAME_LENGTH = 200;
    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_SECRET_LENGTH = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionStore store;
    private final SubscriptionMatcher matcher;
    private final QueryConfig.Webhooks webhooks;

    public Subscriptions(SubscriptionStore store, SubscriptionMatcher matcher, QueryConfig config) {
        this.store = store;
        this.matcher = matcher;
        this.webhooks = config.webhooks();
    }

    /** Who asks: the token's subject, and whether it is an admin. */
    public record Caller(String subject, boolean admin) {
    }

    /** A delivery with its attempts, for its owner. */
    public record DeliveryRecord(DeliveryEntity delivery, List<DeliveryAttemptEntity> attempts) {
    }

    /**
     * Saves a search. The webhook, if any, is checked before anything is stored or sent.
     *
     * @throws IllegalArgumentException saying what is wrong with the request
     */
    public Subscription create(Caller caller, String name, SubscriptionFilters filters, String webhookUrl,
            String webhookSecret) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name is required, at most " + MAX_NAME_LENGTH + " characters");
        }
        Optional<URI> url = Optional.empty();
        if (webhookUrl != null || webhookSecret != null) {
            url = Optional.of(WebhookTarget.check(webhookUrl, webhooks.allowedHosts().orElse(List.of()),
                    WebhookTarget.Resolver.SYSTEM));
            if (webhookSecret == null || webhookSecret.length() < MIN_SECRET_LENGTH
                    || webhookSecret.length() > MAX_SECRET_LENGTH) {
                throw new IllegalArgumentException("webhook.secret is required with a webhook, " + MIN_SECRET_LENGTH
                        + " to " + MAX_SECRET_LENGTH + " characters");
            }
        }
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        Subscription subscription = new Subscription("s-" + UUID.randomUUID(), caller.subject(), cleanName, filters,
                url, url.isPresent() ? webhookSecret : null, HexFormat.of().formatHex(token), Instant.now());
        store.insert(subscription);
        matcher.refresh();
        return subscription;
    }

    /** The subscription, if it exists and the caller may see it (others' are as if missing). */
    public Optional<Subscription> find(Caller caller, String id) {
        return store.find(id).filter(s -> caller.admin() || s.owner().equals(caller.subject()));
    }

    public boolean delete(Caller caller, String id) {
        if (find(caller, id).isEmpty()) {
            return false;
        }
        boolean deleted = store.delete(id);
        matcher.refresh();
        return deleted;
    }

    /** The newest deliveries of a subscription the caller may see, newest first. */
    public Optional<List<DeliveryRecord>> deliveries(Caller caller, String id, int limit) {
        return find(caller, id).map(s -> store.deliveries(id, limit).stream()
                .map(d -> new DeliveryRecord(d, store.attempts(d.id))).toList());
    }

    /** The subscription whose feed this token opens. */
    public Optional<Subscription> byFeedToken(String id, String token) {
        if (token == null) {
            return Optional.empty();
        }
        return store.find(id).filter(s -> MessageDigest.isEqual(s.feedToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)));
    }
}
