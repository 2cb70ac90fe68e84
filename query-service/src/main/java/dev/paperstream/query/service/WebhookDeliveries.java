package dev.paperstream.query.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.events.Backoff;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.Subscription;
import dev.paperstream.query.domain.WebhookSignature;
import dev.paperstream.query.domain.WebhookTarget;
import dev.paperstream.query.persistence.DeliveryAttemptEntity;
import dev.paperstream.query.persistence.DeliveryEntity;
import dev.paperstream.query.persistence.SubscriptionStore;
import dev.paperstream.query.rest.PaperHit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Webhook deliveries: the papers a written batch matches become one persisted delivery per subscription, and a
 * scheduled sender posts due deliveries (oldest first per subscription), signs them, and retries failures with
 * doubling pauses until {@code give-up-after}. At least once: a delivery keeps its id and body across attempts,
 * restarts and replicas ({@code FOR UPDATE SKIP LOCKED}).
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);
    private static final int STORE_ATTEMPTS = 3;

    private final SubscriptionMatcher matcher;
    private final SubscriptionStore store;
    private final ObjectMapper json;
    private final QueryConfig.Webhooks config;
    private final HttpClient http;
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter lostMatches;

    public WebhookDeliveries(SubscriptionMatcher matcher, SubscriptionStore store, ObjectMapper json,
            QueryConfig config, MeterRegistry metrics) {
        this.matcher = matcher;
        this.store = store;
        this.json = json;
        this.config = config.webhooks();
        // Never follow a redirect: it could point anywhere, past the address check.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.timeout()).build();
        this.delivered = metrics.counter("paperstream.webhook.deliveries.delivered");
        this.failedAttempts = metrics.counter("paperstream.webhook.attempts.failed");
        this.lostMatches = metrics.counter("paperstream.webhook.matches.lost");
    }

    /** The body of one delivery: its id, the subscription's id and the papers as search hits. */
    record Payload(String deliveryId, String subscriptionId, List<PaperHit> papers) {
    }

    /** Stores a delivery for each subscription the written papers match. */
    public void record(List<PaperDocument> written) {
        Map<String, List<PaperDocument>> matches = matcher.match(written);
        if (matches.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<DeliveryEntity> deliveries = new ArrayList<>(matches.size());
        for (Map.Entry<String, List<PaperDocument>> match : matches.entrySet()) {
            DeliveryEntity delivery = new DeliveryEntity();
            delivery.id = UUID.randomUUID().toString();
            delivery.subscriptionId = match.getKey();
            delivery.body = body(new Payload(delivery.id, match.getKey(),
                    match.getValue().stream().map(PaperHit::of).toList()));
            delivery.papers = match.getValue().size();
            delivery.status = DeliveryEntity.PENDING;
            delivery.createdAt = now;
            delivery.nextAttemptAt = now;
            deliveries.add(delivery);
        }
        Backoff pauses = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        for (int attempt = 1;; attempt++) {
            try {
                store.addDeliveries(deliveries);
                return;
            } catch (RuntimeException e) {
                if (attempt == STORE_ATTEMPTS) {
                    // Indexing must not stall on PostgreSQL: these matches are lost, loudly.
                    lostMatches.increment(deliveries.size());
                    LOG.errorf("Could not store %d webhook deliveries after %d attempts (%s); their papers are"
                            + " not delivered", deliveries.size(), attempt, e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(pauses.next().toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    lostMatches.increment(deliveries.size());
                    return;
                }
            }
        }
    }

    /** Sends the due deliveries, one after another. */
    @Scheduled(every = "${paperstream.query.webhooks.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "2s")
    void sendDue() {
        try {
            QuarkusTransaction.requiringNew().timeout(timeoutSeconds()).run(() -> {
                for (DeliveryEntity delivery : store.claimDue(Instant.now(), config.batchSize())) {
                    attempt(delivery);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not send webhook deliveries this round (%s); they stay due", e.getMessage());
        }
    }

    private int timeoutSeconds() {
        return (int) Math.max(30, config.timeout().toSeconds() * (config.batchSize() + 1));
    }

    private void attempt(DeliveryEntity delivery) {
        Subscription subscription = store.find(delivery.subscriptionId).orElse(null);
        Instant now = Instant.now();
        DeliveryAttemptEntity attempt = new DeliveryAttemptEntity();
        attempt.deliveryId = delivery.id;
        attempt.attemptedAt = now;
        delivery.attempts++;
        try {
            if (subscription == null || subscription.webhookUrl().isEmpty()) {
                throw new IOException("the subscription has no webhook any more");
            }
            // Again at each attempt: a name may resolve elsewhere now.
            URI target = WebhookTarget.check(subscription.webhookUrl().get().toString(),
                    config.allowedHosts().orElse(List.of()), WebhookTarget.Resolver.SYSTEM);
            byte[] body = delivery.body.getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(target).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "paperstream-webhooks")
                    .header("X-Paperstream-Delivery", delivery.id)
                    .header(WebhookSignature.HEADER, WebhookSignature.of(subscription.webhookSecret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                // Read a capped amount so the connection can be reused; the rest is discarded.
                answer.readNBytes(config.maxResponseBytes());
            }
            attempt.statusCode = response.statusCode();
            delivery.lastStatus = response.statusCode();
            if (response.statusCode() / 100 == 2) {
                delivery.status = DeliveryEntity.DELIVERED;
                delivery.deliveredAt = now;
                delivery.lastError = null;
                delivered.increment();
            } else {
                failed(delivery, now, "the target answered " + response.statusCode());
            }
        } catch (IOException | IllegalArgumentException e) {
            attempt.error = abbreviate(e.getClass().getSimpleName() + ": " + e.getMessage());
            failed(delivery, now, attempt.error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering", e);
        }
        attempt.persist();
    }

    private void failed(DeliveryEntity delivery, Instant now, String error) {
        failedAttempts.increment();
        delivery.lastError = abbreviate(error);
        if (Duration.between(delivery.createdAt, now).compareTo(config.giveUpAfter()) > 0) {
            delivery.status = DeliveryEntity.GAVE_UP;
            LOG.warnf("Gave up webhook delivery %s of subscription %s after %d attempts: %s", delivery.id,
                    delivery.subscriptionId, delivery.attempts, error);
            return;
        }
        Backoff pauses = new Backoff(config.firstRetry(), config.longestRetry());
        Duration pause = pauses.next();
        for (int i = 1; i < delivery.attempts; i++) {
            pause = pauses.next();
        }
        delivery.nextAttemptAt = now.plus(pause);
        LOG.infof("Webhook delivery %s of subscription %s failed (attempt %d: %s); next attempt in %s",
                delivery.id, delivery.subscriptionId, delivery.attempts, error, pause);
    }

    private String body(Payload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a webhook body", e);
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
