package dev.paperstream.enrich.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import dev.paperstream.enrich.domain.PaperEnrichment;
import dev.paperstream.enrich.domain.TopicTagger;
import dev.paperstream.events.Taxonomy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the enrichment from the configured taxonomy, once, at startup. */
public class EnrichmentProducer {

    private static final Logger LOG = Logger.getLogger(EnrichmentProducer.class);

    @Produces
    @Singleton
    Taxonomy taxonomy(EnrichConfig config) {
        Taxonomy taxonomy;
        try {
            taxonomy = Taxonomy.load(config.taxonomyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the taxonomy (paperstream.enrich.taxonomy-file)", e);
        }
        LOG.infof("Taxonomy %s loaded from %s: %d tags", taxonomy.version(),
                config.taxonomyFile().map(Path::toString).orElse("classpath:" + Taxonomy.BUNDLED),
                taxonomy.tags().size());
        return taxonomy;
    }

    @Produces
    @Singleton
    PaperEnrichment enrichment(Taxonomy taxonomy) {
        return new PaperEnrichment(new TopicTagger(taxonomy));
    }
}
