package dev.paperstream.query.domain;

import java.time.Instant;

/**
 * A paper's embedding.
 *
 * @param model    the model (and revision) that computed it
 * @param textHash {@link EmbeddingText#hash} of the text it was computed from
 * @param values     the vector
 * @param embeddedAt when it was computed: a walk through semantic or hybrid results only uses vectors older than
 *                   its start, so that papers gaining vectors meanwhile do not shift its pages
 */
public record PaperVector(String model, String textHash, float[] values, Instant embeddedAt) {
}
