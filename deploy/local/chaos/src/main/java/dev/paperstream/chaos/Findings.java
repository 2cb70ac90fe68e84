package dev.paperstream.chaos;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the comparison of the three views found. {@code lost}, {@code stale}, {@code resurrected} and
 * {@code deadLettered} must be empty; redeliveries are allowed (at-least-once) and only reported.
 *
 * @param lost         accepted (in PostgreSQL, or in a listing ingest answered 202 to) but not searchable
 * @param stale        searchable with an older version than PostgreSQL's
 * @param resurrected  retired ids (their last {@code papers.listed} record is a tombstone) still searchable
 * @param deadLettered valid papers on a dead-letter topic (every paper of the workload is valid)
 * @param notEnriched  current in PostgreSQL, but {@code papers.enriched} lacks that version (explains lost/stale)
 */
record Findings(Set<String> lost, Set<String> stale, Set<String> resurrected, Set<String> deadLettered,
        Set<String> notEnriched) {

    static Findings compare(PipelineViews.Accepted accepted, Collection<String> acceptedArxivIds,
            PipelineViews.Topic listed, PipelineViews.Topic enriched, Map<String, PipelineViews.Indexed> indexed,
            Set<String> deadLettered) {
        Set<String> lost = new TreeSet<>();
        Set<String> stale = new TreeSet<>();
        Set<String> notEnriched = new TreeSet<>();
        for (Map.Entry<String, Long> paper : accepted.versions().entrySet()) {
            PipelineViews.Indexed document = indexed.get(paper.getKey());
            if (document == null || document.retired()) {
                lost.add(paper.getKey());
            } else if (!document.searchableAt(paper.getValue())) {
                stale.add(paper.getKey());
            }
            if (enriched.lastVersions().getOrDefault(paper.getKey(), -1L) < paper.getValue()) {
                notEnriched.add(paper.getKey());
            }
        }
        for (String id : acceptedArxivIds) {
            if (!accepted.versions().containsKey(id)) {
                lost.add(id); // ingest answered 202 for it, yet PostgreSQL does not have it
            }
        }
        Set<String> resurrected = new TreeSet<>();
        for (String id : listed.retired()) {
            PipelineViews.Indexed document = indexed.get(id);
            if (!accepted.versions().containsKey(id) && document != null && !document.retired()) {
                resurrected.add(id);
            }
        }
        return new Findings(lost, stale, resurrected, new TreeSet<>(deadLettered), notEnriched);
    }

    boolean passed() {
        return lost.isEmpty() && stale.isEmpty() && resurrected.isEmpty() && deadLettered.isEmpty();
    }

    /** Up to ten ids, for the report. */
    static List<String> examples(Set<String> ids) {
        return ids.stream().limit(10).toList();
    }
}
