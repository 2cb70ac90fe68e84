package dev.paperstream.query.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jboss.logging.Logger;

import dev.paperstream.events.Taxonomy;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.TagPrototypes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds topic tags by meaning to papers the embedding sweep embeds: the taxonomy's definitions and examples are
 * embedded once, on first use, by the same model as the papers ({@link TagPrototypes} decides).
 */
@ApplicationScoped
public class SimilarityTagger {

    private static final Logger LOG = Logger.getLogger(SimilarityTagger.class);

    private final TextEmbedder embedder;
    private final QueryConfig.Tagging config;
    private volatile TagPrototypes prototypes;

    public SimilarityTagger(TextEmbedder embedder, QueryConfig config) {
        this.embedder = embedder;
        this.config = config.tagging();
    }

    /** The tags a paper's vector adds to its keyword tags (none when tagging by meaning is off). */
    public List<String> tagsFor(float[] vector, Collection<String> ruleTags) {
        if (!config.enabled()) {
            return List.of();
        }
        TagPrototypes loaded = prototypes;
        if (loaded == null) {
            synchronized (this) {
                if (prototypes == null) {
                    Taxonomy taxonomy = taxonomy(config);
                    prototypes = prototypes(taxonomy, embedder, config);
                    LOG.infof("Tagging by meaning with taxonomy %s: %d tags, similarity at least %.2f",
                            taxonomy.version(), taxonomy.tags().size(), config.minSimilarity());
                }
                loaded = prototypes;
            }
        }
        return loaded.tagsFor(vector, ruleTags);
    }

    /** The configured taxonomy file, or the bundled one (the same as enrich-service's). */
    public static Taxonomy taxonomy(QueryConfig.Tagging config) {
        try {
            return Taxonomy.load(config.taxonomyFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the taxonomy (paperstream.query.tagging.taxonomy-file)", e);
        }
    }

    /** Each tag's definition and examples, embedded. */
    public static TagPrototypes prototypes(Taxonomy taxonomy, TextEmbedder embedder, QueryConfig.Tagging config) {
        List<TagPrototypes.Tag> tags = new ArrayList<>();
        for (Taxonomy.Tag tag : taxonomy.tags()) {
            List<String> texts = new ArrayList<>();
            texts.add(tag.definition());
            texts.addAll(tag.examples());
            tags.add(new TagPrototypes.Tag(tag.slug(), embedder.embedAll(texts), tag.implies()));
        }
        return new TagPrototypes(tags, config.minSimilarity(), config.maxBelowBest());
    }
}
