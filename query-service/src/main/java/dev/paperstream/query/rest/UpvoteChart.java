package dev.paperstream.query.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.paperstream.query.domain.PaperDocument;

/**
 * A paper's upvote history as the points of a small inline SVG line chart (server-rendered, no script).
 *
 * @param points  the polyline's points, "x,y x,y …" in a 300 × 60 box; empty with fewer than two observations
 * @param first   upvotes at the first observation
 * @param last    upvotes at the last observation
 * @param summary the chart in words, for screen readers
 */
public record UpvoteChart(String points, int first, int last, String summary) {

    static final int WIDTH = 300;
    static final int HEIGHT = 60;

    /** The chart of some observations, oldest first. */
    static UpvoteChart of(List<PaperDocument.Upvotes> history) {
        List<PaperDocument.Upvotes> seen = history == null ? List.of() : history;
        if (seen.size() < 2) {
            int upvotes = seen.isEmpty() ? 0 : seen.get(0).upvotes();
            return new UpvoteChart("", upvotes, upvotes, seen.isEmpty() ? "No upvote history yet."
                    : "One observation: " + upvotes + " upvotes.");
        }
        long start = Instant.parse(seen.get(0).observedAt()).toEpochMilli();
        long end = Math.max(start + 1, Instant.parse(seen.get(seen.size() - 1).observedAt()).toEpochMilli());
        int max = Math.max(1, seen.stream().mapToInt(PaperDocument.Upvotes::upvotes).max().orElse(1));
        String points = seen.stream().map(o -> String.format(Locale.ROOT, "%.1f,%.1f",
                (Instant.parse(o.observedAt()).toEpochMilli() - start) * (double) WIDTH / (end - start),
                HEIGHT - o.upvotes() * (double) (HEIGHT - 4) / max - 2)).collect(Collectors.joining(" "));
        int first = seen.get(0).upvotes();
        int last = seen.get(seen.size() - 1).upvotes();
        return new UpvoteChart(points, first, last, String.format(Locale.ROOT,
                "%d observations from %s to %s: %d to %d upvotes.", seen.size(),
                seen.get(0).observedAt().substring(0, 10), seen.get(seen.size() - 1).observedAt().substring(0, 10),
                first, last));
    }
}
