package dev.paperstream.ingest.persistence;

import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A paper's current state as ingest-service knows it, with the version of its last published change. */
@Entity
@Table(name = "paper")
public class PaperEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "arxiv_id")
    public String arxivId;
    @Column(nullable = false)
    public String title;
    @Column(nullable = false)
    public String summary;
    @Column(name = "published_on")
    public LocalDate publishedOn;
    public int upvotes;
    @Column(name = "author_count")
    public Integer authorCount;
    public String organization;
    /** Author names, a JSON array. */
    @Column(name = "authors_json", nullable = false)
    public String authorsJson = "[]";
    /** Source keywords, a JSON array. */
    @Column(name = "keywords_json", nullable = false)
    public String keywordsJson = "[]";
    /** Source categories, primary first, a JSON array. */
    @Column(name = "categories_json", nullable = false)
    public String categoriesJson = "[]";
    /** Author affiliations, a JSON array (kept as provenance; the event contract has no field for them). */
    @Column(name = "affiliations_json", nullable = false)
    public String affiliationsJson = "[]";
    @Column(name = "code_url")
    public String codeUrl;
    @Column(name = "project_url")
    public String projectUrl;
    /** Grows by one with every published change. */
    public long version;
    @Column(name = "first_listed_at", nullable = false)
    public Instant firstListedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
