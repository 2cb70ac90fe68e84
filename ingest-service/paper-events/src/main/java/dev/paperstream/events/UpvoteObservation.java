package dev.paperstream.events;

import java.time.Instant;

/**
 * A paper's upvote count as a listing showed it at one moment.
 *
 * @param observedAt when the listing was received
 * @param upvotes    the count shown
 */
public record UpvoteObservation(Instant observedAt, int upvotes) {
}
