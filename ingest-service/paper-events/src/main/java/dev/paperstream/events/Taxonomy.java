package dev.paperstream.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
     * @param evidence   the tag's terms and acronyms
     * @param implies    broader tags that apply whenever this one does (e.g. vision-language implies multimodal)
     * @param titleOnly  evidence counts only in the title and source keywords, for tags whose words every
     *                   abstract uses in passing (evaluation: "we evaluate on benchmarks")
     * @param examples   short descriptions of typical papers under the tag, in other words than its terms: with
     *                   the definition, what query-service compares papers' meaning to
     */
    public record Tag(String slug, String definition, List<Evidence> evidence, List<String> implies,
            boolean titleOnly, List<String> examples) {

        public Tag {
            evidence = List.copyOf(evidence);
            implies = List.copyOf(implies);
            examples = List.copyOf(examples);
        }
    }

    /**
     * One term or acronym. Every match of {@code pattern} starts right after a word edge with {@code literal}
     * (case-insensitively when {@code ignoreCase}), once the spaces and hyphens the pattern allows between words are
     * left out: this is what lets enrich-service's {@code EvidenceMatcher} find all candidates in one pass and run
     * the pattern only where one starts.
     *
     * @param literal    the words every match begins with, without separators: a term's leading words up to the
     *                   first one that inflects or takes any ending (lower case), or the acronym
     * @param ignoreCase whether the pattern compares case-insensitively (terms) or exactly (acronyms)
     * @param pattern    the whole term or acronym, anchored on word edges
     */
    public record Evidence(String literal, boolean ignoreCase, Pattern pattern) {
    }

    private static final String WORD_EDGE_BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String WORD_EDGE_AFTER = "(?![\\p{L}\\p{N}])";
    private static final String INFLECTION = "(?:s|es|ed|d|ing|er|ers|ation|ations)?";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    public Taxonomy {
        tags = List.copyOf(tags);
    }

    /** The tag with this slug. */
    public Tag tag(String slug) {
        return tags.stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tag " + slug));
    }

    /** The taxonomy both services read by default, on the classpath of paper-events. */
    public static final String BUNDLED = "taxonomy/taxonomy.txt";

    /** A taxonomy file, or the bundled one when none is configured. */
    public static Taxonomy load(Optional<Path> file) throws IOException {
        if (file.isPresent()) {
            return parse(Files.readString(file.get(), StandardCharsets.UTF_8));
        }
        try (InputStream in = Taxonomy.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + BUNDLED + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Parses the taxonomy text format; the message of the exception names the offending line. */
    public static Taxonomy parse(String text) {
        String version = null;
        List<Tag> tags = new ArrayList<>();
        String slug = null;
        String definition = null;
        List<Evidence> evidence = new ArrayList<>();
        List<String> implies = new ArrayList<>();
        boolean titleOnly = false;
        List<String> examples = new ArrayList<>();
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
                        tags.add(new Tag(slug, definition, evidence, implies, titleOnly, examples));
                    }
                    String[] parts = rest.split("\\|", 2);
                    slug = parts[0].strip();
                    if (!SLUG.matcher(slug).matches() || parts.length < 2 || parts[1].isBlank()) {
                        throw new IllegalArgumentException("line " + (i + 1)
                                + ": expected 'tag slug-name | definition', got: " + line);
                    }
                    definition = parts[1].strip();
                    evidence = new ArrayList<>();
                    implies = new ArrayList<>();
                    titleOnly = false;
                    examples = new ArrayList<>();
                }
                case "where" -> {
                    if (slug == null || !rest.equals("title")) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": expected 'where title' after a tag");
                    }
                    titleOnly = true;
                }
                case "implies" -> {
                    if (slug == null) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": implies before any tag");
                    }
                    for (String implied : rest.split(";")) {
                        if (!implied.isBlank()) {
                            implies.add(implied.strip());
                        }
                    }
                }
                case "examples" -> {
                    if (slug == null) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": examples before any tag");
                    }
                    for (String example : rest.split(";")) {
                        if (!example.isBlank()) {
                            examples.add(example.strip());
                        }
                    }
                }
                case "terms", "acronyms" -> {
                    if (slug == null) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": " + keyword + " before any tag");
                    }
                    for (String item : rest.split(";")) {
                        if (!item.isBlank()) {
                            evidence.add(keyword.equals("terms") ? term(item.strip()) : acronym(item.strip()));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("line " + (i + 1) + ": unknown keyword '"
                        + keyword + "'");
            }
        }
        if (slug != null) {
            tags.add(new Tag(slug, definition, evidence, implies, titleOnly, examples));
        }
        if (version == null) {
            throw new IllegalArgumentException("taxonomy has no 'version' line");
        }
        if (tags.stream().map(Tag::slug).distinct().count() != tags.size()) {
            throw new IllegalArgumentException("taxonomy repeats a tag slug");
        }
        List<String> slugs = tags.stream().map(Tag::slug).toList();
        for (Tag tag : tags) {
            for (String implied : tag.implies()) {
                if (!slugs.contains(implied)) {
                    throw new IllegalArgumentException("tag " + tag.slug() + " implies unknown tag " + implied);
                }
            }
        }
        return new Taxonomy(version, tags);
    }

    /**
     * Words joined by optional spaces or hyphens; the last word inflects, {@code *} allows any ending and
     * {@code !} none (so {@code pre train!} matches pre-train and pretrain but not pretrained).
     */
    static Evidence term(String term) {
        String[] words = term.toLowerCase(Locale.ROOT).split("\\s+");
        StringBuilder literal = new StringBuilder();
        boolean literalEnded = false;
        StringBuilder regex = new StringBuilder(WORD_EDGE_BEFORE);
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            boolean open = word.endsWith("*");
            boolean exact = word.endsWith("!");
            String stem = open || exact ? word.substring(0, word.length() - 1) : word;
            if (w > 0) {
                regex.append("[\\s\\-]*");
            }
            regex.append(Pattern.quote(stem));
            if (!literalEnded) {
                literal.append(stem);
                literalEnded = open || exact || w == words.length - 1;
            }
            if (open) {
                regex.append("[\\p{L}\\p{N}]*");
            } else if (exact) {
                regex.append("s?");
            } else if (w == words.length - 1) {
                regex.append(INFLECTION);
            }
        }
        regex.append(WORD_EDGE_AFTER);
        return new Evidence(literal.toString(), true,
                Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** Case-sensitive whole word, optionally plural. */
    static Evidence acronym(String acronym) {
        return new Evidence(acronym, false,
                Pattern.compile(WORD_EDGE_BEFORE + Pattern.quote(acronym) + "s?" + WORD_EDGE_AFTER));
    }

    private static String require(String value, int line, String message) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("line " + (line + 1) + ": " + message);
        }
        return value;
    }
}
