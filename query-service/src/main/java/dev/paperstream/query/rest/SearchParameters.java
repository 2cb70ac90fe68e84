package dev.paperstream.query.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.paperstream.events.ApiException;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SearchMode;
import dev.paperstream.query.domain.SortOrder;
import jakarta.ws.rs.core.Response.Status;

/** Checks and converts request parameters; anything wrong is a 400 naming the allowed values. */
final class SearchParameters {

    static final int MAX_SIZE = 100;
    static final int MAX_TEXT_LENGTH = 500;

    private SearchParameters() {
    }

    static SearchFilters filters(String q, List<String> tags, List<String> organizations, List<String> years,
            List<String> teamSizes, String hasCode, String from, String to) {
        Optional<String> text = Optional.ofNullable(q).map(String::strip).filter(s -> !s.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_TEXT_LENGTH) {
            throw badRequest("q must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        Set<Integer> yearValues = new LinkedHashSet<>();
        for (String year : values(years)) {
            if (!year.matches("\\d{4}")) {
                throw badRequest("year must be a four-digit year such as 2024, was '" + year + "'");
            }
            yearValues.add(Integer.parseInt(year));
        }
        Set<String> sizes = values(teamSizes);
        for (String size : sizes) {
            if (!SearchFilters.TEAM_SIZES.contains(size)) {
                throw badRequest("teamSize must be one of " + String.join(", ", SearchFilters.TEAM_SIZES)
                        + ", was '" + size + "'");
            }
        }
        Optional<Boolean> code = Optional.ofNullable(hasCode).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> switch (s) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw badRequest("hasCode must be true or false, was '" + s + "'");
                });
        Optional<LocalDate> fromDate = date("from", from);
        Optional<LocalDate> toDate = date("to", to);
        if (fromDate.isPresent() && toDate.isPresent() && fromDate.get().isAfter(toDate.get())) {
            throw badRequest("from (" + fromDate.get() + ") must not be after to (" + toDate.get() + ")");
        }
        return new SearchFilters(text, values(tags), values(organizations), yearValues, sizes, code, fromDate,
                toDate);
    }

    static SortOrder sort(String sort) {
        String value = sort == null || sort.isBlank() ? "relevance" : sort.strip();
        return SortOrder.fromLabel(value).orElseThrow(() -> badRequest("sort must be one of "
                + SortOrder.allowedLabels() + ", was '" + value + "'"));
    }

    static SearchMode mode(String mode) {
        String value = mode == null || mode.isBlank() ? SearchMode.HYBRID.label() : mode.strip();
        return SearchMode.fromLabel(value).orElseThrow(() -> badRequest("mode must be one of "
                + SearchMode.allowedLabels() + ", was '" + value + "'"));
    }

    static int size(String size, int max) {
        try {
            int value = Integer.parseInt(size.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw badRequest("size must be a whole number from 1 to " + max + ", was '" + size + "'");
    }

    static Set<String> values(List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        if (values != null) {
            values.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(set::add);
        }
        return set;
    }

    private static Optional<LocalDate> date(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw badRequest(name + " must be a date as yyyy-MM-dd, was '" + value + "'");
        }
    }

    static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST, message);
    }
}
