package dev.paperstream.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.paperstream.ingest.domain.PaperMerge.Outcome;
import dev.paperstream.ingest.domain.PaperMerge.UpvoteCount;

/**
 * The papers one chunk of a listing names, as loaded (and locked) from the store, and what the chunk does to
 * them: identity resolution, merge, and the set of writes and events that follow.
 *
 * <p>Identity: a listed paper is found by its arXiv id, else through the alias of its normalized title
 * ({@link PaperIdentity#titleKey}), else it is new. A paper known only by its title key moves to its arXiv id the
 * first time a listing gives one: its row is re-created under the arXiv id and the old id is retired with a
 * tombstone. A paper changed several times within one chunk publishes one new version with its final state.
 */
public final class PaperSet {

    /** Whether a listed entry made a new paper, changed a known one, or left it as it was. */
    public enum Effect { NEW, UPDATED, UNCHANGED }

    /** A paper id retired for the id it moved to, with the version its tombstone carries. */
    public record Retirement(String retiredId, String supersededBy, long version) {
    }

    /** A paper's new state that the store must write, and the version the stored row must still have. */
    public record Update(PaperState state, long expectedVersion) {
    }

    /** An upvote count to add to a paper's history. */
    public record Observation(String paperId, UpvoteCount count) {
    }

    /** A published change: the paper's state with its new version and whether the paper is new. */
    public record Change(PaperState state, boolean listed, List<UpvoteCount> history) {
    }

    /** Everything the chunk writes, in an order the store can apply as batches. */
    public record Writes(List<PaperState> inserts, List<Retirement> moves, List<Update> updates,
            Map<String, String> newAliases, List<Observation> observations, List<Change> changes) {
    }

    private final Map<String, PaperState> loaded;
    private final Map<String, String> aliases;
    private final Map<String, List<UpvoteCount>> history;
    /** Current state of every paper the chunk looked at, by id. */
    private final Map<String, PaperState> current = new LinkedHashMap<>();
    /** Papers whose new state is published, and whether each is new (PaperListed) rather than changed. */
    private final Map<String, Boolean> published = new LinkedHashMap<>();
    private final Map<String, String> newAliases = new LinkedHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final List<Retirement> moves = new ArrayList<>();
    /** Papers whose row the chunk inserts: new ones and moved ones under their arXiv id. */
    private final Set<String> inserted = new HashSet<>();

    /**
     * @param loaded  the stored papers the chunk may name, by id
     * @param aliases title keys to paper ids, for the chunk's titles
     * @param history each loaded paper's recent upvote history, oldest first
     */
    public PaperSet(Map<String, PaperState> loaded, Map<String, String> aliases,
            Map<String, List<UpvoteCount>> history) {
        this.loaded = Map.copyOf(loaded);
        this.aliases = new HashMap<>(aliases);
        this.history = new HashMap<>();
        history.forEach((id, counts) -> this.history.put(id, new ArrayList<>(counts)));
        this.current.putAll(loaded);
    }

    /** Applies one listed paper observed at {@code observedAt} and received at {@code receivedAt}. */
    public Effect apply(ListedPaper listed, Instant observedAt, Instant receivedAt) {
        String titleKey = PaperIdentity.titleKey(listed.title());
        String arxivPaperId = listed.arxivId() != null && !listed.arxivId().isBlank()
                ? PaperIdentity.of(listed.arxivId(), null) : null;
        PaperState paper = arxivPaperId != null ? current.get(arxivPaperId) : null;
        if (paper == null) {
            PaperState titled = byTitleKey(titleKey);
            if (titled != null && (arxivPaperId == null || titled.arxivId() == null)) {
                paper = arxivPaperId != null ? move(titled, arxivPaperId) : titled;
            }
        }
        if (paper == null) {
            String id = arxivPaperId != null ? arxivPaperId : titleKey;
            Outcome first = PaperMerge.first(id, listed, observedAt, receivedAt);
            current.put(id, first.state());
            inserted.add(id);
            ensureAlias(titleKey, id);
            record(id, first);
            published.putIfAbsent(id, true);
            return Effect.NEW;
        }
        ensureAlias(titleKey, paper.id());
        Outcome merged = PaperMerge.merge(paper, listed, observedAt);
        current.put(paper.id(), merged.state());
        boolean recorded = record(paper.id(), merged);
        // A moved paper always changes here: it gains its arXiv id.
        if (!merged.changed() && !recorded) {
            return Effect.UNCHANGED;
        }
        published.putIfAbsent(paper.id(), false);
        return Effect.UPDATED;
    }

    /** The writes and events of everything applied so far. */
    public Writes writes() {
        List<PaperState> inserts = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, PaperState> entry : current.entrySet()) {
            String id = entry.getKey();
            PaperState state = entry.getValue();
            PaperState before = loaded.get(id);
            if (published.containsKey(id)) {
                state = state.nextVersion();
                changes.add(new Change(state, published.get(id), List.copyOf(history.getOrDefault(id, List.of()))));
            }
            if (inserted.contains(id)) {
                inserts.add(state);
            } else if (before != null && (published.containsKey(id) || !state.equals(before))) {
                updates.add(new Update(state, before.version()));
            }
        }
        // Rows in a stable order, so that concurrent listings lock and insert them without deadlocking.
        inserts.sort(Comparator.comparing(PaperState::id));
        updates.sort(Comparator.comparing(u -> u.state().id()));
        return new Writes(inserts, List.copyOf(moves), updates, Map.copyOf(newAliases), List.copyOf(observations),
                changes);
    }

    /** The paper a normalized title names: through its alias, else the paper whose id is that key (pre-alias rows). */
    private PaperState byTitleKey(String titleKey) {
        return current.get(aliases.getOrDefault(titleKey, titleKey));
    }

    private void ensureAlias(String titleKey, String paperId) {
        if (!aliases.containsKey(titleKey)) {
            aliases.put(titleKey, paperId);
            newAliases.put(titleKey, paperId);
        }
    }

    /**
     * Moves a title-keyed paper to its arXiv id: same state, history and aliases under the new id, the old id
     * retired. The moved state still lacks the arXiv id, so the merge that follows publishes it as a change.
     */
    private PaperState move(PaperState titled, String arxivPaperId) {
        PaperState moved = titled.withId(arxivPaperId);
        current.remove(titled.id());
        current.put(arxivPaperId, moved);
        inserted.add(arxivPaperId);
        aliases.replaceAll((key, id) -> id.equals(titled.id()) ? arxivPaperId : id);
        newAliases.replaceAll((key, id) -> id.equals(titled.id()) ? arxivPaperId : id);
        List<UpvoteCount> counts = history.remove(titled.id());
        if (counts != null) {
            history.put(arxivPaperId, counts);
        }
        observations.replaceAll(o -> o.paperId().equals(titled.id()) ? new Observation(arxivPaperId, o.count()) : o);
        Boolean listedHere = published.remove(titled.id());
        if (listedHere != null) {
            published.put(arxivPaperId, listedHere);
        }
        if (!inserted.remove(titled.id())) {
            // A stored paper: its row, history and aliases move in the store, and its old id is retired.
            moves.add(new Retirement(titled.id(), arxivPaperId, titled.version() + 1));
        }
        return moved;
    }

    /**
     * Adds the outcome's upvote count to the history, unless it is an older capture the history already holds
     * (the same capture posted twice); returns whether it was added.
     */
    private boolean record(String paperId, Outcome outcome) {
        UpvoteCount count = outcome.observation();
        if (count == null) {
            return false;
        }
        List<UpvoteCount> counts = history.computeIfAbsent(paperId, id -> new ArrayList<>());
        if (outcome.olderCapture() && counts.contains(count)) {
            return false;
        }
        counts.add(count);
        counts.sort(Comparator.comparing(UpvoteCount::observedAt));
        observations.add(new Observation(paperId, count));
        return true;
    }
}
