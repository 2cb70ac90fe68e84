package dev.paperstream.enrich.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An author and the number of distinct papers seen by them. */
@Entity
@Table(name = "author")
public class AuthorEntity extends PanacheEntityBase {

    /** The normalized name that identifies the author (see {@code AuthorNames}). */
    @Id
    @Column(name = "name_key")
    public String nameKey;
    /** The name as most recently listed. */
    @Column(nullable = false)
    public String name;
    public int papers;
}
