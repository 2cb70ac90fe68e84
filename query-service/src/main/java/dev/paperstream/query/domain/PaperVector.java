package dev.paperstream.query.domain;

/**
 * A paper's embedding.
 *
 * @param model    the model (and revision) that computed it
 * @param textHash {@link EmbeddingText#hash} of the text it was computed from
 * @param values   the vector
 */
public record PaperVector(String model, String textHash, float[] values) {
}
