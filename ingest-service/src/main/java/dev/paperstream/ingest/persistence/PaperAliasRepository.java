package dev.paperstream.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Title keys to paper ids. */
@ApplicationScoped
public class PaperAliasRepository implements PanacheRepositoryBase<PaperAliasEntity, String> {

    /** Points every alias of {@code from} at {@code to}; returns how many moved. */
    public int repoint(String from, String to) {
        return update("paperId = ?1 where paperId = ?2", to, from);
    }
}
