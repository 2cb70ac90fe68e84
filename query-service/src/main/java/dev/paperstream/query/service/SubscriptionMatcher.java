package dev.paperstream.query.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.Subscription;
import dev.paperstream.query.domain.SubscriptionIndex;
import dev.paperstream.query.persistence.SubscriptionStore;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which saved searches with webhooks a written paper matches, in memory: the subscriptions are read from
 * PostgreSQL every few seconds (and at once after a change on this replica), so matching a batch costs no query.
 * Matching is the live stream's ({@link SearchFilters#matches}): facets exactly, words as substrings;
 * {@link SubscriptionIndex} checks each paper only against the searches that could match it.
 */
@Startup
@ApplicationScoped
public class SubscriptionMatcher {

    private static final Logger LOG = Logger.getLogger(SubscriptionMatcher.class);

    private final SubscriptionStore store;
    private volatile SubscriptionIndex subscriptions = new SubscriptionIndex(Map.of());

    public SubscriptionMatcher(SubscriptionStore store) {
        this.store = store;
    }

    @PostConstruct
    void load() {
        refresh();
    }

    /** Re-reads the saved searches; keeps the previous set when PostgreSQL cannot be reached. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "5s")
    public void refresh() {
        try {
            use(store.withWebhooks());
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the saved searches (%s); matching keeps the %d known", e.getMessage(),
                    subscriptions.size());
        }
    }

    /** The papers each subscription matches, by subscription id, in the order given. */
    public Map<String, List<PaperDocument>> match(List<PaperDocument> papers) {
        SubscriptionIndex current = subscriptions;
        Map<String, List<PaperDocument>> matches = new LinkedHashMap<>();
        for (PaperDocument paper : papers) {
            for (String id : current.match(paper)) {
                matches.computeIfAbsent(id, i -> new ArrayList<>()).add(paper);
            }
        }
        return matches;
    }

    /** Matches against these saved searches from now on (also for code outside the container: benchmarks). */
    public void use(List<Subscription> saved) {
        Map<String, SearchFilters> filters = new LinkedHashMap<>();
        saved.forEach(s -> filters.put(s.id(), s.filters().toSearchFilters()));
        subscriptions = new SubscriptionIndex(filters);
    }
}
