package dev.paperstream.query.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What someone typed into the search box, read the way people use a paper search: a paper's arXiv id or URL, text
 * with search operators (quoted phrases, {@code -exclusions}, {@code |}, {@code *}), or plain words — most often a
 * pasted title, an author or a topic.
 *
 * @param text      the text as typed, trimmed
 * @param arxivId   the arXiv id (without version) when the whole text names one paper
 * @param operators whether the text uses search operators, so that it must be read as a query, not as a title
 * @param words     the text's words (letters and digits), lower-cased, punctuation dropped
 */
public record SearchText(String text, Optional<String> arxivId, boolean operators, List<String> words) {

    private static final Pattern ARXIV_ID = Pattern.compile(
            "(?i)^(?:arxiv:\\s*)?(\\d{4}\\.\\d{4,5})(?:v\\d+)?$");
    private static final Pattern PAPER_URL = Pattern.compile(
            "(?i)^(?:https?://)?(?:www\\.)?(?:arxiv\\.org/(?:abs|pdf)/|huggingface\\.co/papers/)"
                    + "(\\d{4}\\.\\d{4,5})(?:v\\d+)?(?:\\.pdf)?/?(?:[?#].*)?$");
    /** A quote, a term that starts with - (exclusion), a lone |, or a term that ends with * (prefix). */
    private static final Pattern OPERATOR = Pattern.compile(
            "\"|(?:^|\\s)-[\\p{L}\\p{N}]|(?:^|\\s)\\|(?:\\s|$)|[\\p{L}\\p{N}]\\*(?:\\s|$)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public SearchText {
        words = List.copyOf(words);
    }

    public static SearchText parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        Optional<String> arxivId = first(ARXIV_ID.matcher(text)).or(() -> first(PAPER_URL.matcher(text)));
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            words.add(word.group());
        }
        return new SearchText(text, arxivId, arxivId.isEmpty() && OPERATOR.matcher(text).find(), words);
    }

    /** Plain words that may be a title: long enough for typo-tolerant and phrase matching to mean something. */
    public boolean titleLike() {
        return !operators && words.size() >= 3;
    }

    private static Optional<String> first(Matcher matcher) {
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
