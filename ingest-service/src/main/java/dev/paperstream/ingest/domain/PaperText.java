package dev.paperstream.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whitespace normalization shared by the parsers, so that every format yields the same title and abstract.
 *
 * <p>Two notions of whitespace meet here, as they did when this was written with regular expressions: the
 * ends of a text are trimmed as {@link String#strip()} does ({@link Character#isWhitespace}), while the runs
 * collapsed to one space inside it are those of {@code \s} ({@code [ \t\n\x0B\f\r]}); a paragraph break is a
 * run of {@code \s} holding two line breaks ({@code \R\s*\R}). The scanning below is hand-written for speed
 * and gives exactly the results of those expressions ({@code ParserEquivalenceTest} holds it to them).
 */
public final class PaperText {

    /** Only for texts holding a line break that is not {@code \s} (U+0085, U+2028, U+2029): rare, kept exact. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\R\\s*\\R");

    /** Longer titles are not a title a person wrote. */
    public static final int MAX_TITLE_LENGTH = 1_000;

    private PaperText() {
    }

    /** Every run of whitespace (including line breaks) as one space, trimmed. */
    public static String normalizeSpace(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            // s is stripped: a whitespace character is never its last one, so i + 1 < n.
            if (c <= ' ' && isSpace(c) && (c != ' ' || isSpace(s.charAt(i + 1)))) {
                char[] chars = s.toCharArray();
                char[] out = new char[n];
                return new String(out, 0, collapse(chars, 0, n, out, 0));
            }
        }
        return s;
    }

    /** Paragraphs (separated by blank lines) kept, each one's whitespace normalized; joined by a blank line. */
    public static String paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String stripped = text.strip();
        if (isNormal(stripped)) {
            return stripped; // one paragraph, nothing to collapse
        }
        char[] c = text.toCharArray();
        int from = stripStart(c, 0, c.length);
        int to = stripEnd(c, from, c.length);
        char[] out = new char[to - from];
        int length = 0;
        int piece = from;
        int i = from;
        while (i < to) {
            char ch = c[i];
            if (ch == '\u0085' || ch == '\u2028' || ch == '\u2029') {
                return regexParagraphs(text);
            }
            if (ch > ' ' || !isSpace(ch)) {
                i++;
                continue;
            }
            int run = i;
            int breaks = 0;
            while (i < to && isSpace(c[i])) {
                if (c[i] != ' ' && c[i] != '\t') {
                    breaks++;
                }
                i++;
            }
            if (breaks >= 2) {
                length = appendParagraph(c, piece, run, out, length);
                piece = i;
            }
        }
        length = appendParagraph(c, piece, to, out, length);
        return new String(out, 0, length);
    }

    /** Whether the stripped text {@code s} holds no line break at all and no whitespace but single spaces. */
    private static boolean isNormal(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= ' ' ? isSpace(c) && (c != ' ' || isSpace(s.charAt(i + 1)))
                    : c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** The text stripped and cut to 60 characters, for quoting a bad value in an error message. */
    public static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 57) + "...";
    }

    /** {@code c[from, to)} normalized as {@link #normalizeSpace(String)} does, as a string. */
    static String normalizeSpace(char[] c, int from, int to) {
        int start = stripStart(c, from, to);
        int end = stripEnd(c, start, to);
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (ch <= ' ' && isSpace(ch) && (ch != ' ' || isSpace(c[i + 1]))) {
                char[] out = new char[end - start];
                return new String(out, 0, collapse(c, start, end, out, 0));
            }
        }
        return new String(c, start, end - start);
    }

    /**
     * Writes {@code c[from, to)}, which must be stripped already, to {@code out} at {@code at} with every run
     * of {@code \s} as one space; returns the end of what was written. {@code out} has room for
     * {@code to - from} more characters.
     */
    static int collapse(char[] c, int from, int to, char[] out, int at) {
        int o = at;
        int i = from;
        while (i < to) {
            char ch = c[i];
            if (ch <= ' ' && isSpace(ch)) {
                out[o++] = ' ';
                i++;
                while (i < to && c[i] <= ' ' && isSpace(c[i])) {
                    i++;
                }
            } else {
                out[o++] = ch;
                i++;
            }
        }
        return o;
    }

    /** The first index in {@code [from, to)} that is not whitespace as {@link String#strip()} sees it, else {@code to}. */
    static int stripStart(char[] c, int from, int to) {
        int i = from;
        while (i < to && isStripped(c[i])) {
            i++;
        }
        return i;
    }

    /** One past the last index in {@code [from, to)} that is not whitespace as {@link String#strip()} sees it, else {@code from}. */
    static int stripEnd(char[] c, int from, int to) {
        int i = to;
        while (i > from && isStripped(c[i - 1])) {
            i--;
        }
        return i;
    }

    /**
     * Whitespace to {@link String#strip()} and {@link String#isBlank()}. They test code points, but no
     * supplementary code point is whitespace and a lone surrogate is not either, so testing chars is the same.
     */
    static boolean isStripped(char c) {
        return c == ' ' || c == '\t' || (c < 0x80 ? c >= 0x0A && c <= 0x0D || c >= 0x1C && c <= 0x1F
                : Character.isWhitespace(c));
    }

    /** Length of the text in UTF-8 bytes, without encoding it (a lone surrogate counts as the encoder's '?'). */
    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** {@code \s} of {@link Pattern} without UNICODE_CHARACTER_CLASS: {@code [ \t\n\x0B\f\r]}. */
    static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static int appendParagraph(char[] c, int from, int to, char[] out, int at) {
        int start = stripStart(c, from, to);
        int end = stripEnd(c, start, to);
        if (start == end) {
            return at;
        }
        int o = at;
        if (o > 0) {
            out[o++] = '\n';
            out[o++] = '\n';
        }
        return collapse(c, start, end, out, o);
    }

    private static String regexParagraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : BLANK_LINES.split(text.strip())) {
            String normalized = regexNormalizeSpace(paragraph);
            if (!normalized.isEmpty()) {
                paragraphs.add(normalized);
            }
        }
        return String.join("\n\n", paragraphs);
    }

    private static String regexNormalizeSpace(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
