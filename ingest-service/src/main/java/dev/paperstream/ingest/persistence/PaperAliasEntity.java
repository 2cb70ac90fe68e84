package dev.paperstream.ingest.persistence;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A normalized-title key and the paper it names, so that a title seen again finds the same paper. */
@Entity
@Table(name = "paper_alias")
public class PaperAliasEntity extends PanacheEntityBase {

    @Id
    @Column(name = "title_key")
    public String titleKey;
    @Column(name = "paper_id", nullable = false)
    public String paperId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
