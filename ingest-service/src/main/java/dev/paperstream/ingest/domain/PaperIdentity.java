package dev.paperstream.ingest.domain;

import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.paperstream.events.Sha256;

/**
 * Stable paper identities. A paper with a known arXiv id is that id without its version suffix
 * ({@code 2207.01780v2} becomes {@code 2207.01780}); otherwise it is {@code t-} followed by the first
 * 20 hex digits of the SHA-256 of its normalized title, so that case, accents, whitespace and
 * punctuation never make a second paper.
 */
public final class PaperIdentity {

    private static final Pattern ARXIV_VERSION = Pattern.compile("v\\d+$");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private PaperIdentity() {
    }

    /** The paper id for an arXiv id (may be null) and a title. */
    public static String of(String arxivId, String title) {
        if (arxivId != null && !arxivId.isBlank()) {
            return ARXIV_VERSION.matcher(arxivId.strip()).replaceFirst("");
        }
        return titleKey(title);
    }

    /** The title-derived key: {@code t-} and 20 hex digits. */
    public static String titleKey(String title) {
        return "t-" + HexFormat.of().formatHex(Sha256.digest(normalizeTitle(title)), 0, 10);
    }

    /** Lower case, accents removed, every run of non-alphanumerics folded to one space, trimmed. */
    public static String normalizeTitle(String title) {
        if (title == null) {
            return "";
        }
        String ascii = normalizeAsciiTitle(title);
        return ascii != null ? ascii : normalizeUnicodeTitle(title);
    }

    /**
     * {@link #normalizeTitle} for a title that is all ASCII, where NFKD and accent removal change nothing and the
     * letters and digits are {@code [A-Za-z0-9]}: one pass instead of a normalization and two regular expressions
     * (they were the write path's largest CPU cost). Null when the title is not ASCII.
     */
    private static String normalizeAsciiTitle(String title) {
        StringBuilder out = new StringBuilder(title.length());
        boolean pendingSpace = false;
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            if (digit || upper || (c >= 'a' && c <= 'z')) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(upper ? (char) (c + ('a' - 'A')) : c);
            } else {
                pendingSpace = true;
            }
        }
        return out.toString();
    }

    /** The general case of {@link #normalizeTitle}; package-private so that tests compare it with the fast path. */
    static String normalizeUnicodeTitle(String title) {
        String decomposed = Normalizer.normalize(title, Normalizer.Form.NFKD);
        String unaccented = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(unaccented.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
