package dev.paperstream.query.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A saved search.
 *
 * @param id            its id
 * @param owner         the subject of the token that created it; only they (or an admin) see it
 * @param name          a name its owner chose
 * @param filters       what it follows
 * @param webhookUrl    where matching papers are posted, if anywhere
 * @param webhookSecret the key of the deliveries' signatures (with a webhook), never shown again
 * @param feedToken     the unguessable token of its own Atom feed
 * @param createdAt     when it was created
 */
public record Subscription(String id, String owner, String name, SubscriptionFilters filters,
        Optional<URI> webhookUrl, String webhookSecret, String feedToken, Instant createdAt) {
}
