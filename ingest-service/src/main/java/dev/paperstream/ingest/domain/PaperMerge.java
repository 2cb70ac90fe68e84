package dev.paperstream.ingest.domain;

import java.time.Instant;
import java.util.List;

/**
 * The merge rules: what a listing's view of a paper does to its known state.
 * <ul>
 * <li>A field the listing leaves out (null or empty: arXiv has no upvotes, the page text no author names) keeps
 * its known value; any other field takes the listing's value.</li>
 * <li>Upvotes follow observation time: the count of the newest observation is the current one. A count observed
 * before the current one (an older capture posted later) only joins the history.</li>
 * </ul>
 */
public final class PaperMerge {

    private PaperMerge() {
    }

    /**
     * The outcome of merging one listed paper.
     *
     * @param state       the merged state (version unchanged)
     * @param changed     whether a published field changed (title, summary, upvotes, …): publish a new version
     * @param observation  an upvote count to record in the history, else null
     * @param olderCapture whether that count was observed before the current one (it changes only the history)
     */
    public record Outcome(PaperState state, boolean changed, UpvoteCount observation, boolean olderCapture) {
    }

    /** An upvote count and when it was observed. */
    public record UpvoteCount(Instant observedAt, int upvotes) {
    }

    /** A paper seen for the first time: its first state and, when the listing counts upvotes, its first observation. */
    public static Outcome first(String id, ListedPaper listed, Instant observedAt, Instant receivedAt) {
        PaperState state = PaperState.first(id, listed, observedAt, receivedAt);
        UpvoteCount observation = listed.upvotes() != null ? new UpvoteCount(observedAt, listed.upvotes()) : null;
        return new Outcome(state, true, observation, false);
    }

    /** Applies what a listing observed at {@code observedAt} says on top of what is known. */
    public static Outcome merge(PaperState known, ListedPaper listed, Instant observedAt) {
        int upvotes = known.upvotes();
        Instant upvotesObservedAt = known.upvotesObservedAt();
        UpvoteCount observation = null;
        boolean olderCapture = false;
        if (listed.upvotes() != null) {
            int count = listed.upvotes();
            if (upvotesObservedAt == null || !observedAt.isBefore(upvotesObservedAt)) {
                if (upvotesObservedAt == null || count != upvotes) {
                    observation = new UpvoteCount(observedAt, count);
                }
                upvotes = count;
                upvotesObservedAt = observedAt;
            } else {
                observation = new UpvoteCount(observedAt, count);
                olderCapture = true;
            }
        }
        PaperState merged = new PaperState(known.id(),
                orKnown(listed.arxivId(), known.arxivId()),
                listed.title(),
                listed.summary().isEmpty() ? known.summary() : listed.summary(),
                orKnown(listed.publishedOn(), known.publishedOn()),
                upvotes,
                upvotesObservedAt,
                orKnown(listed.authorCount(), known.authorCount()),
                orKnown(listed.authors(), known.authors()),
                orKnown(listed.organization(), known.organization()),
                orKnown(listed.keywords(), known.keywords()),
                orKnown(listed.categories(), known.categories()),
                orKnown(listed.affiliations(), known.affiliations()),
                orKnown(listed.codeUrl(), known.codeUrl()),
                orKnown(listed.projectUrl(), known.projectUrl()),
                known.version(),
                known.firstListedAt());
        boolean changed = !merged.withUpvotesObservedAt(null).equals(known.withUpvotesObservedAt(null));
        // An older capture changes nothing but the history; the caller publishes it if it records it.
        return new Outcome(merged, changed, observation, olderCapture);
    }

    private static <T> T orKnown(T listed, T known) {
        return listed != null ? listed : known;
    }

    private static List<String> orKnown(List<String> listed, List<String> known) {
        return listed.isEmpty() ? known : listed;
    }
}
