package dev.paperstream.ingest.service;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.paperstream.ingest.domain.EntryRejection;

/**
 * What one listing held and what it changed; the response of {@code POST /listings} and
 * {@code GET /listings/{listingId}}.
 */
public record ListingSummary(
        String listingId,
        String format,
        String source,
        LocalDate listingDate,
        int entries,
        int accepted,
        @JsonProperty("new") int newPapers,
        int updated,
        int unchanged,
        List<EntryRejection> rejected) {
}
