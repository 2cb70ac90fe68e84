package dev.paperstream.query.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How {@code q} retrieves papers: by their words, by meaning (nearest vectors), or both fused by rank. */
public enum SearchMode {
    KEYWORD, SEMANTIC, HYBRID;

    /** The value of the {@code mode} parameter. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the mode uses the paper vectors. */
    public boolean semantic() {
        return this != KEYWORD;
    }

    /**
     * The mode that runs for a search text. Without text, or with nothing but punctuation, there is nothing to embed:
     * keyword. Hybrid also runs as keyword for an arXiv id or paper URL (one paper by id) and for text with operators
     * (quotes and exclusions state what must and must not match, which nearest neighbours would ignore). Semantic runs
     * as asked.
     */
    public SearchMode runsAs(Optional<String> text) {
        if (text.isEmpty()) {
            return KEYWORD;
        }
        SearchText parsed = SearchText.parse(text.get());
        if (parsed.words().isEmpty() || this == HYBRID && (parsed.arxivId().isPresent() || parsed.operators())) {
            return KEYWORD;
        }
        return this;
    }

    public static Optional<SearchMode> fromLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label().equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String allowedLabels() {
        return Arrays.stream(values()).map(SearchMode::label).collect(Collectors.joining(", "));
    }
}
