package dev.paperstream.ingest.domain;

/** The listing formats ingest-service reads, named as they appear in API responses. */
public enum ListingFormat {
    HF_DAILY_TEXT("hf-daily-text");

    private final String id;

    ListingFormat(String id) {
        this.id = id;
    }

    /** The name used in API responses and provenance records. */
    public String id() {
        return id;
    }
}
