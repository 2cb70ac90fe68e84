package dev.paperstream.enrich.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperstream.events.Taxonomy;

/**
 * Counts every tag's evidence mentions in a text in one pass. An Aho–Corasick automaton over the text, case-folded
 * and without the spaces and hyphens that terms allow between their words, finds each place where some term's
 * leading words or some acronym start; only there is that evidence's own pattern run, anchored, on the text itself. The counts are exactly those of running every pattern with {@link Matcher#find()} over the whole text
 * (non-overlapping matches per pattern, leftmost first), at the cost of one scan plus a few anchored matches.
 */
final class EvidenceMatcher {

    /** Evidence whose literal the automaton cannot index faithfully is scanned the old way (none in the bundled taxonomy). */
    private final Pattern[] scanned;
    private final int[] scannedTag;
    private final Pattern[] patterns;
    private final int[] tagOf;
    private final int tagCount;

    /** Folded text character to alphabet class (0: a character no literal contains). */
    private final char[] classOf = new char[Character.MAX_VALUE + 1];
    private final int alphabet;
    /** Goto function, complete (failure transitions folded in): next = delta[state * alphabet + class]. */
    private final int[] delta;
    /** Per state: the lengths of the literals that end here, and for each the evidence it starts. */
    private final int[][] outputLength;
    private final int[][][] outputEvidence;

    EvidenceMatcher(List<Taxonomy.Tag> tags) {
        this.tagCount = tags.size();
        Map<String, List<Integer>> byLiteral = new LinkedHashMap<>();
        List<Pattern> indexed = new ArrayList<>();
        List<Integer> indexedTag = new ArrayList<>();
        List<Pattern> fallback = new ArrayList<>();
        List<Integer> fallbackTag = new ArrayList<>();
        for (int t = 0; t < tags.size(); t++) {
            for (Taxonomy.Evidence evidence : tags.get(t).evidence()) {
                String folded = indexable(evidence);
                if (folded == null) {
                    fallback.add(evidence.pattern());
                    fallbackTag.add(t);
                } else {
                    byLiteral.computeIfAbsent(folded, k -> new ArrayList<>()).add(indexed.size());
                    indexed.add(evidence.pattern());
                    indexedTag.add(t);
                }
            }
        }
        this.patterns = indexed.toArray(Pattern[]::new);
        this.tagOf = indexedTag.stream().mapToInt(Integer::intValue).toArray();
        this.scanned = fallback.toArray(Pattern[]::new);
        this.scannedTag = fallbackTag.stream().mapToInt(Integer::intValue).toArray();

        char next = 1;
        for (String literal : byLiteral.keySet()) {
            for (char c : literal.toCharArray()) {
                if (classOf[c] == 0) {
                    classOf[c] = next++;
                }
            }
        }
        this.alphabet = next;

        // The trie, then breadth-first failure links, then a complete transition table.
        List<int[]> children = new ArrayList<>();
        List<List<int[]>> outputs = new ArrayList<>();
        children.add(new int[alphabet]);
        outputs.add(new ArrayList<>());
        for (Map.Entry<String, List<Integer>> entry : byLiteral.entrySet()) {
            int state = 0;
            for (char c : entry.getKey().toCharArray()) {
                int cls = classOf[c];
                if (children.get(state)[cls] == 0) {
                    children.get(state)[cls] = children.size();
                    children.add(new int[alphabet]);
                    outputs.add(new ArrayList<>());
                }
                state = children.get(state)[cls];
            }
            int length = entry.getKey().length();
            for (int evidence : entry.getValue()) {
                outputs.get(state).add(new int[] { length, evidence });
            }
        }
        int states = children.size();
        this.delta = new int[states * alphabet];
        int[] fail = new int[states];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int cls = 1; cls < alphabet; cls++) {
            int child = children.get(0)[cls];
            delta[cls] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            outputs.get(state).addAll(outputs.get(fail[state]));
            for (int cls = 1; cls < alphabet; cls++) {
                int child = children.get(state)[cls];
                if (child != 0) {
                    fail[child] = delta[fail[state] * alphabet + cls];
                    delta[state * alphabet + cls] = child;
                    queue.add(child);
                } else {
                    delta[state * alphabet + cls] = delta[fail[state] * alphabet + cls];
                }
            }
        }
        this.outputLength = new int[states][];
        this.outputEvidence = new int[states][][];
        for (int s = 0; s < states; s++) {
            // Group by length: all evidence that shares a literal shares its start.
            Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
            for (int[] output : outputs.get(s)) {
                byLength.computeIfAbsent(output[0], k -> new ArrayList<>()).add(output[1]);
            }
            outputLength[s] = byLength.keySet().stream().mapToInt(Integer::intValue).toArray();
            outputEvidence[s] = byLength.values().stream()
                    .map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        }
    }

    /** Mentions per tag (in taxonomy order) of all its evidence in the text. */
    int[] mentionsPerTag(String text) {
        int[] counts = new int[tagCount];
        if (text == null || text.isEmpty()) {
            return counts;
        }
        Matcher[] matchers = new Matcher[patterns.length];
        // Per pattern, where its last match ended: find() never reports a match that overlaps the previous one.
        int[] searchFrom = new int[patterns.length];
        // The automaton reads the text without separators; kept[j] is where its j-th character stands in the text.
        int[] kept = new int[text.length()];
        int state = 0;
        for (int i = 0, j = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSeparator(c)) {
                continue;
            }
            kept[j] = i;
            state = delta[state * alphabet + classOf[fold(c)]];
            int[] lengths = outputLength[state];
            j++;
            for (int o = 0; o < lengths.length; o++) {
                int start = kept[j - lengths[o]];
                if (start > 0 && isAsciiLetterOrDigit(text.charAt(start - 1))) {
                    continue; // no word edge: every pattern starts with (?<![\p{L}\p{N}])
                }
                for (int p : outputEvidence[state][o]) {
                    if (start < searchFrom[p]) {
                        continue;
                    }
                    Matcher matcher = matchers[p];
                    if (matcher == null) {
                        matcher = patterns[p].matcher(text).useTransparentBounds(true);
                        matchers[p] = matcher;
                    }
                    matcher.region(start, text.length());
                    if (matcher.lookingAt()) {
                        counts[tagOf[p]]++;
                        searchFrom[p] = matcher.end();
                    }
                }
            }
        }
        for (int p = 0; p < scanned.length; p++) {
            Matcher matcher = scanned[p].matcher(text);
            while (matcher.find()) {
                counts[scannedTag[p]]++;
            }
        }
        return counts;
    }

    /**
     * The literal as the automaton indexes it (folded, separators left out), or null when it cannot: folding must
     * turn every text character the pattern accepts at a position into the same character, which holds for literals
     * without surrogates whose folded form folds to itself, and the literal must start with a character the text
     * keeps. Case-sensitive literals are folded too; the anchored pattern then checks case.
     */
    private static String indexable(Taxonomy.Evidence evidence) {
        String literal = evidence.literal();
        if (literal.isEmpty() || isSeparator(literal.charAt(0))) {
            return null;
        }
        StringBuilder folded = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (Character.isSurrogate(c) || fold(fold(c)) != fold(c)) {
                return null;
            }
            if (!isSeparator(c)) {
                folded.append(fold(c));
            }
        }
        return folded.toString();
    }

    /** The characters of {@code [\s\-]}, which terms allow (any number of) between their words. */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\013';
    }

    /** The case folding of java.util.regex with CASE_INSENSITIVE | UNICODE_CASE, per char. */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9');
    }
}
