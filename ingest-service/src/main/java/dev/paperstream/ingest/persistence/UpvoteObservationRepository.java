package dev.paperstream.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Upvote counts over time. */
@ApplicationScoped
public class UpvoteObservationRepository implements PanacheRepositoryBase<UpvoteObservationEntity, Long> {

    /** Moves a paper's history to its new id. */
    public int repoint(String from, String to) {
        return update("paperId = ?1 where paperId = ?2", to, from);
    }
}
