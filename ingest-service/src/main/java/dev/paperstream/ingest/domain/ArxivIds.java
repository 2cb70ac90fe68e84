package dev.paperstream.ingest.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * arXiv identifiers as sources write them: {@code 2207.01780}, {@code 2207.01780v3},
 * {@code arXiv:2207.01780}, {@code http://arxiv.org/abs/2207.01780v3}, and old-style
 * {@code hep-th/9901001v1}. The normalized form has no prefix and no version.
 */
public final class ArxivIds {

    private static final Pattern ID = Pattern.compile(
            "^(?:https?://(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/|arxiv:)?"
                    + "(\\d{4}\\.\\d{4,5}|[a-z][a-z.-]{1,30}(?:\\.[A-Z]{2})?/\\d{7})(?:v\\d{1,4})?(?:\\.pdf)?$",
            Pattern.CASE_INSENSITIVE);

    private ArxivIds() {
    }

    /** The id without prefix and version, or empty when the text is not an arXiv identifier. */
    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.length() > 200) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(raw.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
