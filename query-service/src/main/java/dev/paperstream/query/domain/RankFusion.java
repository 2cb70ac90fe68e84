package dev.paperstream.query.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: an item's score is {@code Σ 1/(k + rank)} over the rankings it appears in (rank from 1),
 * so an item near the top of either ranking, or fairly high in both, comes first. Ties keep the first ranking's
 * order, then the second's.
 */
public final class RankFusion {

    /** The constant of the original paper (Cormack et al., 2009), also Elasticsearch's default. */
    public static final int K = 60;

    private RankFusion() {
    }

    /** The items of every ranking, once each, best fused score first. */
    public static List<String> fuse(List<List<String>> rankings) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<String> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), 1.0 / (K + i + 1), Double::sum);
            }
        }
        List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
        // A stable sort: equal scores stay in first-seen order.
        entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        return entries.stream().map(Map.Entry::getKey).toList();
    }
}
