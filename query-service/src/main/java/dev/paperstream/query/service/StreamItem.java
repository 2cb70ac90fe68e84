package dev.paperstream.query.service;

import dev.paperstream.query.domain.PaperDocument;

/** What a live stream delivers: an indexed paper, or how many papers it skipped because its reader fell behind. */
public sealed interface StreamItem {

    /** A paper that matches the stream's filters, as indexed. */
    record Paper(PaperDocument document) implements StreamItem {
    }

    /** {@code skipped} matching papers were dropped (the oldest first) while the reader did not keep up. */
    record Gap(long skipped) implements StreamItem {
    }
}
