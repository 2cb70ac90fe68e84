package dev.paperstream.query.rest;

import java.util.List;

/**
 * The trending papers of a window, highest score first.
 *
 * @param window  {@code 24h}, {@code 7d} or {@code 30d}
 * @param formula the rule they are ranked by
 * @param hits    the papers
 */
public record TrendingResponse(String window, String formula, List<PaperHit> hits) {
}
