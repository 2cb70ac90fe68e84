package dev.paperstream.query.domain;

import java.time.Instant;
import java.util.List;

/**
 * A paper's embedding, and the topic tags it earned by meaning.
 *
 * @param model    the model (and revision) that computed it
 * @param textHash {@link EmbeddingText#hash} of the text it was computed from
 * @param values     the vector
 * @param embeddedAt when it was computed: a walk through semantic or hybrid results only uses vectors older than
 *                   its start, so that papers gaining vectors meanwhile do not shift its pages
 * @param tags       tags the vector earned beyond the keyword rules' ({@link TagPrototypes}); they belong to the
 *                   vector and are kept and dropped with it
 */
public record PaperVector(String model, String textHash, float[] values, Instant embeddedAt, List<String> tags) {

    public PaperVector {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
