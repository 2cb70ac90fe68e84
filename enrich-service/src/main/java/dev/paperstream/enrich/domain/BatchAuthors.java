package dev.paperstream.enrich.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.PaperEvent;

/**
 * The authors of a batch of listed papers, for counting them in one go: which (author, paper) pairs to record, by how
 * much each author's count grows, and what count each paper reports for each of its authors, exactly as if the papers
 * had been counted one after another in batch order. Pairs and authors come sorted, so that concurrent batches lock
 * rows in the same order and cannot deadlock.
 */
public final class BatchAuthors {

    /** An author counted for a paper. */
    public record AuthorPaper(String nameKey, String paperId) implements Comparable<AuthorPaper> {

        @Override
        public int compareTo(AuthorPaper other) {
            int byName = nameKey.compareTo(other.nameKey);
            return byName != 0 ? byName : paperId.compareTo(other.paperId);
        }
    }

    /** An author with the name as most recently listed and the number of papers the batch newly counts for them. */
    public record AuthorIncrement(String nameKey, String name, int newPapers) {
    }

    private final List<PaperEvent> events;
    /** Per event, its authors by key with the name as listed there, in listing order. */
    private final List<Map<String, String>> authorsOf = new ArrayList<>();

    public BatchAuthors(List<PaperEvent> events) {
        this.events = List.copyOf(events);
        for (PaperEvent event : this.events) {
            Map<String, String> byKey = new LinkedHashMap<>();
            for (String name : event.paper().authors()) {
                if (name != null && !name.isBlank()) {
                    byKey.putIfAbsent(AuthorNames.key(name), AuthorNames.clean(name));
                }
            }
            authorsOf.add(byKey);
        }
    }

    /** Every (author, paper) pair the batch names, once, sorted. */
    public List<AuthorPaper> pairs() {
        Set<AuthorPaper> pairs = new TreeSet<>();
        for (int i = 0; i < events.size(); i++) {
            for (String key : authorsOf.get(i).keySet()) {
                pairs.add(new AuthorPaper(key, events.get(i).paperId()));
            }
        }
        return List.copyOf(pairs);
    }

    /** Every author the batch names, sorted by key, with how many of {@code newlyCounted} are theirs. */
    public List<AuthorIncrement> increments(Set<AuthorPaper> newlyCounted) {
        Map<String, String> latestName = new TreeMap<>();
        for (Map<String, String> authors : authorsOf) {
            latestName.putAll(authors);
        }
        Map<String, Integer> added = new HashMap<>();
        for (AuthorPaper pair : newlyCounted) {
            added.merge(pair.nameKey(), 1, Integer::sum);
        }
        List<AuthorIncrement> increments = new ArrayList<>(latestName.size());
        latestName.forEach((key, name) -> increments.add(new AuthorIncrement(key, name, added.getOrDefault(key, 0))));
        return increments;
    }

    /**
     * Per event (batch order), its authors with their paper counts as of that event: an author's total after the
     * batch, less the papers newly counted for them by later events of the batch.
     */
    public List<List<AuthorPapers>> counts(Set<AuthorPaper> newlyCounted, Map<String, Integer> totals) {
        Map<AuthorPaper, Integer> countedBy = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            for (String key : authorsOf.get(i).keySet()) {
                AuthorPaper pair = new AuthorPaper(key, events.get(i).paperId());
                if (newlyCounted.contains(pair)) {
                    countedBy.putIfAbsent(pair, i);
                }
            }
        }
        Map<String, Integer> running = new HashMap<>(totals);
        List<List<AuthorPapers>> counts = new ArrayList<>(events.size());
        for (int i = events.size() - 1; i >= 0; i--) {
            List<AuthorPapers> authors = new ArrayList<>(authorsOf.get(i).size());
            for (Map.Entry<String, String> author : authorsOf.get(i).entrySet()) {
                String key = author.getKey();
                Integer count = running.get(key);
                if (count == null) {
                    throw new IllegalArgumentException("no total for author " + key);
                }
                authors.add(new AuthorPapers(author.getValue(), count));
                if (Integer.valueOf(i).equals(countedBy.get(new AuthorPaper(key, events.get(i).paperId())))) {
                    running.put(key, count - 1);
                }
            }
            counts.add(authors);
        }
        Collections.reverse(counts);
        return counts;
    }
}
