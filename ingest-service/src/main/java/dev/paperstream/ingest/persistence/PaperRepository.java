package dev.paperstream.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Papers by id. */
@ApplicationScoped
public class PaperRepository implements PanacheRepositoryBase<PaperEntity, String> {
}
