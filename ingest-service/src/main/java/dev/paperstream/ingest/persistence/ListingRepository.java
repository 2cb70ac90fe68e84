package dev.paperstream.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Listings received, by listing id. */
@ApplicationScoped
public class ListingRepository implements PanacheRepositoryBase<ListingEntity, String> {
}
