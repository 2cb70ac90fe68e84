package dev.paperstream.enrich.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A versioned set of topic tags with the evidence that suggests each, read from the text format of
 * {@code taxonomy/taxonomy.txt} (documented at the top of that file).
 *
 * @param version the taxonomy version, carried by enriched events as {@code enrichmentVersion}
 * @param tags    the tags in file order
 */
public record Taxonomy(String version, List<Tag> tags) {

    /**
     * One tag.
     *
     * @param slug       stable identifier used as the facet value
     * @param definition one line saying what belongs under it
     * @param evidence   compiled term and acronym patterns
     */
    public record Tag(String slug, String definition, List<Pattern> evidence) {
    }

    private static final String WORD_EDGE_BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String WORD_EDGE_AFTER = "(?![\\p{L}\\p{N}])";
    private static final String INFLECTION = "(?:s|es|ed|d|ing|er|ers|ation|ations)?";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    public Taxonomy {
        tags = List.copyOf(tags);
    }

    /** Parses the taxonomy text format; the message of the exception names the offending line. */
    public static Taxonomy parse(String text) {
        String version = null;
        List<Tag> tags = new ArrayList<>();
        String slug = null;
        String definition = null;
        List<Pattern> evidence = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String keyword = line.split("\\s+", 2)[0];
            String rest = line.substring(keyword.length()).strip();
            switch (keyword) {
                case "version" -> version = require(rest, i, "version needs a value");
                case "tag" -> {
                    if (slug != null) {
                        tags.add(new Tag(slug, definition, evidence));
                    }
                    String[] parts = rest.split("\\|", 2);
                    slug = parts[0].strip();
                    if (!SLUG.matcher(slug).matches() || parts.length < 2 || parts[1].isBlank()) {
                        throw new IllegalArgumentException("line " + (i + 1)
                                + ": expected 'tag slug-name | definition', got: " + line);
                    }
                    definition = parts[1].strip();
                    evidence = new ArrayList<>();
                }
                case "terms", "acronyms" -> {
                    if (slug == null) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": " + keyword + " before any tag");
                    }
                    for (String item : rest.split(";")) {
                        if (!item.isBlank()) {
                            evidence.add(keyword.equals("terms") ? termPattern(item.strip())
                                    : acronymPattern(item.strip()));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("line " + (i + 1) + ": unknown keyword '"
                        + keyword + "'");
            }
        }
        if (slug != null) {
            tags.add(new Tag(slug, definition, evidence));
        }
        if (version == null) {
            throw new IllegalArgumentException("taxonomy has no 'version' line");
        }
        if (tags.stream().map(Tag::slug).distinct().count() != tags.size()) {
            throw new IllegalArgumentException("taxonomy repeats a tag slug");
        }
        return new Taxonomy(version, tags);
    }

    /** Words joined by optional spaces or hyphens; the last word inflects, {@code *} allows any ending. */
    static Pattern termPattern(String term) {
        String[] words = term.toLowerCase(Locale.ROOT).split("\\s+");
        StringBuilder regex = new StringBuilder(WORD_EDGE_BEFORE);
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            boolean open = word.endsWith("*");
            String stem = open ? word.substring(0, word.length() - 1) : word;
            if (w > 0) {
                regex.append("[\\s\\-]*");
            }
            regex.append(Pattern.quote(stem));
            if (open) {
                regex.append("[\\p{L}\\p{N}]*");
            } else if (w == words.length - 1) {
                regex.append(INFLECTION);
            }
        }
        regex.append(WORD_EDGE_AFTER);
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Case-sensitive whole word, optionally plural. */
    static Pattern acronymPattern(String acronym) {
        return Pattern.compile(WORD_EDGE_BEFORE + Pattern.quote(acronym) + "s?" + WORD_EDGE_AFTER);
    }

    private static String require(String value, int line, String message) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("line " + (line + 1) + ": " + message);
        }
        return value;
    }
}
