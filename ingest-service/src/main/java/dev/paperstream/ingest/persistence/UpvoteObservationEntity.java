package dev.paperstream.ingest.persistence;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A paper's upvote count as one listing showed it; recorded when it differs from the last one. */
@Entity
@Table(name = "upvote_observation")
public class UpvoteObservationEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "paper_id", nullable = false)
    public String paperId;
    @Column(name = "listing_id", nullable = false)
    public String listingId;
    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;
    public int upvotes;
}
