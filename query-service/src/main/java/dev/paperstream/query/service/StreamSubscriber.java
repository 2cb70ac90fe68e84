package dev.paperstream.query.service;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.SearchFilters;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One open stream: its filters and a bounded queue of papers its reader has not taken yet. When the queue is full
 * the oldest paper is dropped and counted; the count goes out as one {@link StreamItem.Gap} before the next paper,
 * so a slow reader is never cut off and never holds more than {@code capacity} papers in memory. Items are emitted
 * only as far as the reader has asked for them (its HTTP writes keep up).
 */
final class StreamSubscriber {

    private final SearchFilters filters;
    private final int capacity;
    private final MultiEmitter<? super StreamItem> emitter;
    private final Deque<PaperDocument> queue = new ArrayDeque<>();
    private long skipped;

    StreamSubscriber(SearchFilters filters, int capacity, MultiEmitter<? super StreamItem> emitter) {
        this.filters = filters;
        this.capacity = capacity;
        this.emitter = emitter;
    }

    /**
     * Queues the paper when it matches the filters. Returns how many papers this call dropped from the queue to make
     * room (0 or 1).
     */
    synchronized int offer(PaperDocument paper) {
        if (!filters.matches(paper)) {
            return 0;
        }
        int dropped = 0;
        if (queue.size() >= capacity) {
            queue.pollFirst();
            skipped++;
            dropped = 1;
        }
        queue.addLast(paper);
        drain();
        return dropped;
    }

    /** Counts papers this stream missed without seeing them (the replica itself fell behind). */
    synchronized void skip(long papers) {
        skipped += papers;
        drain();
    }

    /** Emits what the reader has asked for: a pending gap first, then queued papers, oldest first. */
    synchronized void drain() {
        while (!emitter.isCancelled() && emitter.requested() > 0 && (skipped > 0 || !queue.isEmpty())) {
            if (skipped > 0) {
                long gap = skipped;
                skipped = 0;
                emitter.emit(new StreamItem.Gap(gap));
            } else {
                emitter.emit(new StreamItem.Paper(queue.pollFirst()));
            }
        }
    }
}
