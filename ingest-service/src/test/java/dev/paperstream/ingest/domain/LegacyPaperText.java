package dev.paperstream.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Whitespace normalization shared by the parsers, so that every format yields the same title and abstract. */
/** Test oracle: the parser code as of 8f69731, before the regex-free rewrite; never change it. */
final class LegacyPaperText {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\R\\s*\\R");

    /** Longer titles are not a title a person wrote. */
    public static final int MAX_TITLE_LENGTH = 1_000;

    private LegacyPaperText() {
    }

    /** Every run of whitespace (including line breaks) as one space, trimmed. */
    public static String normalizeSpace(String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Paragraphs (separated by blank lines) kept, each one's whitespace normalized; joined by a blank line. */
    public static String paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : BLANK_LINES.split(text.strip())) {
            String normalized = normalizeSpace(paragraph);
            if (!normalized.isEmpty()) {
                paragraphs.add(normalized);
            }
        }
        return String.join("\n\n", paragraphs);
    }

    /** The text stripped and cut to 60 characters, for quoting a bad value in an error message. */
    public static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 57) + "...";
    }
}
