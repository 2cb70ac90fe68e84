package dev.paperstream.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Upvote counts over time. */
@ApplicationScoped
public class UpvoteObservationRepository implements PanacheRepositoryBase<UpvoteObservationEntity, Long> {
}
