package dev.paperstream.ingest.domain;

import java.util.Arrays;
import java.util.Optional;

/** The listing formats ingest-service reads, named as they appear in API responses and source settings. */
public enum ListingFormat {
    /** The Hugging Face Daily Papers page saved as text ({@code text/plain}). */
    HF_DAILY_TEXT("hf-daily-text"),
    /** The Hugging Face {@code /api/daily_papers} array or one {@code /api/papers/{id}} object ({@code application/json}). */
    HF_DAILY_JSON("hf-daily-json"),
    /** An arXiv API Atom feed ({@code application/atom+xml}). */
    ARXIV_ATOM("arxiv-atom");

    private final String id;

    ListingFormat(String id) {
        this.id = id;
    }

    /** The name used in API responses and provenance records. */
    public String id() {
        return id;
    }

    /** The format with this name, e.g. {@code arxiv-atom}. */
    public static Optional<ListingFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
