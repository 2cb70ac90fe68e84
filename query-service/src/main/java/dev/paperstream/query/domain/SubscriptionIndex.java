package dev.paperstream.query.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saved searches arranged so that a paper is checked only against those that could match it: each is filed under
 * one thing it requires (its longest word, else each of its tags, else each organization), the paper's words are
 * found with one {@link TermScanner} pass, and only the searches filed under what the paper has are checked in full.
 * The result is exactly {@link SearchFilters#matches}.
 */
public final class SubscriptionIndex {

    private record Entry(String id, SearchFilters filters, List<String> terms) {
    }

    private final Map<String, List<Entry>> byTerm = new HashMap<>();
    private final Map<String, List<Entry>> byTag = new HashMap<>();
    private final Map<String, List<Entry>> byOrganization = new HashMap<>();
    private final List<Entry> unfiled = new ArrayList<>();
    private final TermScanner scanner;
    private final int size;

    /** @param subscriptions filters by subscription id */
    public SubscriptionIndex(Map<String, SearchFilters> subscriptions) {
        List<String> allTerms = new ArrayList<>();
        for (Map.Entry<String, SearchFilters> subscription : subscriptions.entrySet()) {
            SearchFilters filters = subscription.getValue();
            List<String> terms = filters.text().map(SearchFilters::terms).orElse(List.of());
            Entry entry = new Entry(subscription.getKey(), filters, terms);
            allTerms.addAll(terms);
            if (!terms.isEmpty()) {
                String longest = terms.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
                byTerm.computeIfAbsent(longest, t -> new ArrayList<>()).add(entry);
            } else if (!filters.tags().isEmpty()) {
                filters.tags().forEach(tag -> byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(entry));
            } else if (!filters.organizations().isEmpty()) {
                filters.organizations()
                        .forEach(org -> byOrganization.computeIfAbsent(org, o -> new ArrayList<>()).add(entry));
            } else {
                unfiled.add(entry);
            }
        }
        this.scanner = new TermScanner(allTerms);
        this.size = subscriptions.size();
    }

    /** The ids of the subscriptions the paper matches. */
    public List<String> match(PaperDocument paper) {
        if (size == 0) {
            return List.of();
        }
        Set<String> present = scanner.find(SearchFilters.searchableText(paper));
        Set<Entry> candidates = new LinkedHashSet<>(unfiled);
        for (String term : present) {
            candidates.addAll(byTerm.getOrDefault(term, List.of()));
        }
        for (String tag : paper.tags()) {
            candidates.addAll(byTag.getOrDefault(tag, List.of()));
        }
        if (paper.organization() != null) {
            candidates.addAll(byOrganization.getOrDefault(paper.organization(), List.of()));
        }
        List<String> matched = new ArrayList<>();
        for (Entry entry : candidates) {
            if (present.containsAll(entry.terms()) && entry.filters().matchesFacets(paper)) {
                matched.add(entry.id());
            }
        }
        return matched;
    }

    public int size() {
        return size;
    }
}
