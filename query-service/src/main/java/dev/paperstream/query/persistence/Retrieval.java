package dev.paperstream.query.persistence;

import java.time.Instant;

import dev.paperstream.query.domain.SearchMode;

/**
 * How a search's text finds papers.
 *
 * @param mode       keyword, semantic or hybrid
 * @param vector     the text's embedding (null in keyword mode)
 * @param candidates    the kNN query's k: nearest papers the vector side contributes
 * @param minSimilarity least cosine similarity of a paper's vector to the text's
 * @param vectorsAsOf   only vectors computed at or before this instant count (the walk's start)
 */
public record Retrieval(SearchMode mode, float[] vector, int candidates, double minSimilarity, Instant vectorsAsOf) {

    /** Words only. */
    public static final Retrieval KEYWORD = new Retrieval(SearchMode.KEYWORD, null, 0, 0, null);

    public Retrieval {
        if (mode.semantic() && vector == null) {
            throw new IllegalArgumentException(mode.label() + " retrieval needs a query vector");
        }
    }
}
