package dev.paperstream.ingest.persistence;

import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Provenance of one listing received: where it came from, what it held, what it changed. */
@Entity
@Table(name = "listing")
public class ListingEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String source;
    @Column(nullable = false)
    public String format;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
    @Column(name = "content_sha256", nullable = false)
    public String contentSha256;
    @Column(name = "listing_date")
    public LocalDate listingDate;
    public int entries;
    public int accepted;
    @Column(name = "new_papers")
    public int newPapers;
    @Column(name = "updated_papers")
    public int updatedPapers;
    @Column(name = "unchanged_papers")
    public int unchangedPapers;
    /** The rejected entries as a JSON array of {@code {entry, line, reason}}. */
    @Column(name = "rejected_json", nullable = false)
    public String rejectedJson;
}
