package dev.paperstream.enrich.persistence;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/** Author paper counts, counted once per (author, paper) however often an event is redelivered. */
@ApplicationScoped
public class AuthorRepository implements PanacheRepositoryBase<AuthorEntity, String> {

    /**
     * Counts the paper for the author unless it was counted before, and returns the author's count.
     * Both statements are idempotent upserts, so concurrent consumers cannot double count.
     */
    public int countPaper(String nameKey, String name, String paperId) {
        int inserted = getEntityManager().createNativeQuery(
                "insert into {h-schema}author_paper (name_key, paper_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, nameKey).setParameter(2, paperId).executeUpdate();
        Object papers = getEntityManager().createNativeQuery(
                "insert into {h-schema}author (name_key, name, papers) values (?1, ?2, ?3)"
                        + " on conflict (name_key) do update set name = excluded.name,"
                        + " papers = author.papers + ?3 returning papers")
                .setParameter(1, nameKey).setParameter(2, name).setParameter(3, inserted)
                .getSingleResult();
        return ((Number) papers).intValue();
    }

    /** The authors with the most papers, ties by name. */
    public List<AuthorEntity> top(int limit) {
        return findAll(Sort.descending("papers").and("nameKey")).page(0, limit).list();
    }
}
