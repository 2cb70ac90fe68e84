package dev.paperstream.query.domain;

import dev.paperstream.events.Sha256;

/**
 * What a paper's vector is computed from: its title and the start of its summary. The model reads at most 256
 * word pieces, so longer text would only cost time; the hash tells whether a stored vector still fits the text.
 */
public final class EmbeddingText {

    /** About 256 word pieces of English; the rest of a summary cannot change the vector. */
    static final int MAX_CHARS = 1500;

    private EmbeddingText() {
    }

    /** The text to embed. */
    public static String of(String title, String summary) {
        String text = (title == null ? "" : title.strip()) + "\n" + (summary == null ? "" : summary.strip());
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
    }

    /** The SHA-256 (hex) of {@link #of}: equal hashes, equal vectors under one model. */
    public static String hash(String title, String summary) {
        return hashOf(of(title, summary));
    }

    /** The hash of a text {@link #of} already made. */
    public static String hashOf(String text) {
        return Sha256.hex(text);
    }
}
