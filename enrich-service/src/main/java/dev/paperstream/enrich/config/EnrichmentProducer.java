package dev.paperstream.enrich.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.jboss.logging.Logger;

import dev.paperstream.enrich.domain.PaperEnrichment;
import dev.paperstream.enrich.domain.TopicTagger;
import dev.paperstream.events.Taxonomy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the enrichment from the configured taxonomy, once, at startup. */
public class EnrichmentProducer {

    private static final Logger LOG = Logger.getLogger(EnrichmentProducer.class);
    private static final String BUNDLED = "taxonomy/taxonomy.txt";

    @Produces
    @Singleton
    Taxonomy taxonomy(EnrichConfig config) {
        String text;
        String origin;
        try {
            if (config.taxonomyFile().isPresent()) {
                origin = config.taxonomyFile().get().toString();
                text = Files.readString(config.taxonomyFile().get(), StandardCharsets.UTF_8);
            } else {
                origin = "classpath:" + BUNDLED;
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the taxonomy (paperstream.enrich.taxonomy-file)", e);
        }
        Taxonomy taxonomy = Taxonomy.parse(text);
        LOG.infof("Taxonomy %s loaded from %s: %d tags", taxonomy.version(), origin, taxonomy.tags().size());
        return taxonomy;
    }

    @Produces
    @Singleton
    PaperEnrichment enrichment(Taxonomy taxonomy) {
        return new PaperEnrichment(new TopicTagger(taxonomy));
    }
}
