package dev.paperstream.ingest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The parsers give exactly what the {@code Legacy*} oracles (the code before the regex-free rewrite) give: the
 * same {@link ParsedListing} (every field of every paper and rejection), or the same exception with the same
 * message. Inputs: the fixtures, seeded random mutations of them (as {@link ParserFuzzTest} makes them), listings
 * generated like the benchmark's with random whitespace, line endings, bylines, dates and separators, and random
 * strings over an alphabet of every character the old regular expressions treated specially.
 */
class ParserEquivalenceTest {

    private static final long SEED = 20251218L;
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 17);
    /** Characters that \s, \R, strip() and isBlank() disagree about, plus the listing syntax. */
    private static final String TRICKY = " \t\n\r\u000B\f\u0085\u2028\u2029\u2003\u00A0\u001C\u001F\u200B\u3000"
            + "\uFEFF\u00B7\u2022,.:-0123456789aAzZkK\u212A\u017F\u00E9";
    private static final String[] MONTHS = { "Jan", "feb", "MAR", "Apr", "May", "June", "Jul", "aug", "Sept",
            "Oct", "Nov", "December", "Dez", "Foo", "De", "Decc", "Dec.", "Dec..", "D\u00E9c", "\u212Aan" };
    private static final String[] SPACES = { " ", "  ", "\t", " \t ", "\u000B", "\f", "\u2003", "\u00A0", "",
            "\r", "\n", "\u0085", "\u2028", " \u2003 " };
    /** The fuzz test's syntax fragments, then line breaks and whitespace the fast scanners must treat alike. */
    private static final byte[][] INSERTIONS = Stream.concat(Arrays.stream(ListingMutations.SYNTAX), Stream.of(
            "\r\n\r\n".getBytes(StandardCharsets.UTF_8),
            "\r".getBytes(StandardCharsets.UTF_8), "\u2028".getBytes(StandardCharsets.UTF_8),
            "\u0085".getBytes(StandardCharsets.UTF_8), "\n \t\n".getBytes(StandardCharsets.UTF_8),
            "\u000B\f".getBytes(StandardCharsets.UTF_8), "Dec 17\n".getBytes(StandardCharsets.UTF_8),
            "\u2003·\u2003\n".getBytes(StandardCharsets.UTF_8), "• 12 author\n".getBytes(StandardCharsets.UTF_8),
            "\\n\\r\\u2028\\u0085".getBytes(StandardCharsets.UTF_8), "&#133;&#8232;&#13;".getBytes(StandardCharsets.UTF_8)))
            .toArray(byte[][]::new);

    private final DailyPapersTextParser text = new DailyPapersTextParser();
    private final LegacyDailyPapersTextParser legacyText = new LegacyDailyPapersTextParser();
    private final HfDailyPapersJsonParser json = new HfDailyPapersJsonParser();
    private final LegacyHfDailyPapersJsonParser legacyJson = new LegacyHfDailyPapersJsonParser();
    private final ArxivAtomParser atom = new ArxivAtomParser();
    private final LegacyArxivAtomParser legacyAtom = new LegacyArxivAtomParser();

    @Test
    void whitespaceNormalizationIsUnchanged() {
        Random random = new Random(SEED);
        for (int i = 0; i < 200_000; i++) {
            String s = randomString(random, TRICKY, random.nextInt(i % 10 == 0 ? 200 : 24));
            assertEquals(LegacyPaperText.normalizeSpace(s), PaperText.normalizeSpace(s), () -> "normalizeSpace " + quote(s));
            assertEquals(LegacyPaperText.paragraphs(s), PaperText.paragraphs(s), () -> "paragraphs " + quote(s));
            assertEquals(LegacyPaperText.abbreviate(s), PaperText.abbreviate(s), () -> "abbreviate " + quote(s));
        }
        for (String s : new String[] { null, "", " ", "a\r\nb", "a\r\n\r\nb", "a\n\u0085b", "a\u0085\u0085b",
                "a\u2028\u2029b", "a \n \u2003 \n b", "\u2003a\u2003", "a\u000B\fb", "a\r\rb", "a\r \nb" }) {
            assertEquals(LegacyPaperText.normalizeSpace(s), PaperText.normalizeSpace(s), () -> "normalizeSpace " + quote(s));
            assertEquals(LegacyPaperText.paragraphs(s), PaperText.paragraphs(s), () -> "paragraphs " + quote(s));
        }
    }

    @Test
    void dateLinesReadAsBefore() {
        Random random = new Random(SEED + 1);
        int dates = 0;
        for (int i = 0; i < 200_000; i++) {
            String line = i % 3 == 0 ? randomString(random, TRICKY + "DecJanFebMayJul", random.nextInt(16))
                    : randomDateLine(random);
            Optional<String> expected = LegacyListingDates.parse(line).map(d -> d.month() + " " + d.day() + " "
                    + d.year() + " " + d.upvotes());
            Optional<String> actual = ListingDates.parse(line).map(d -> d.month() + " " + d.day() + " "
                    + d.year() + " " + d.upvotes());
            assertEquals(expected, actual, () -> "date line " + quote(line));
            dates += expected.isPresent() ? 1 : 0;
        }
        assertTrue(dates > 20_000, "too few valid date lines to prove anything: " + dates);
    }

    @Test
    void commonDateTimesReadAsOffsetDateTimeReadsThem() {
        Random random = new Random(SEED + 5);
        String digitsAndSyntax = "0123456789-T:.Zz+ ";
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] dateTime = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextBoolean() ? "" : "." + digits(random, random.nextInt(11))).toCharArray();
            if (random.nextInt(4) == 0) {
                dateTime[random.nextInt(dateTime.length)] = digitsAndSyntax.charAt(random.nextInt(digitsAndSyntax.length()));
            }
            String text = new String(dateTime);
            LocalDate expected;
            try {
                expected = java.time.OffsetDateTime.parse(text).atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
            } catch (java.time.format.DateTimeParseException e) {
                expected = null;
            }
            LocalDate actual = ListingDates.utcDate(text);
            if (actual != null) {
                assertEquals(expected, actual, text);
                fast++;
            }
        }
        assertTrue(fast > 50_000, "too few common date-times: " + fast);
        assertEquals(LocalDate.of(2024, 2, 29), ListingDates.utcDate("2024-02-29T23:59:59.999999999Z"));
        assertEquals(null, ListingDates.utcDate("2023-02-29T00:00:00Z"));
    }

    @Test
    void textListingsParseAsBefore() {
        Random random = new Random(SEED + 2);
        byte[] sample = Fixtures.bytes(Fixtures.SAMPLE_TEXT);
        Function<byte[], Object> current = body -> outcome(() -> text.parse(utf8(body), AS_OF));
        Function<byte[], Object> legacy = body -> outcome(() -> legacyText.parse(utf8(body), AS_OF));
        int[] kinds = new int[3];
        check("sample", sample, current, legacy, kinds);
        for (int i = 0; i < 1_500; i++) {
            check("sample mutation " + i, ListingMutations.mutate(sample, INSERTIONS, random), current, legacy, kinds);
        }
        for (int i = 0; i < 1_500; i++) {
            byte[] generated = generatedText(random, 1 + random.nextInt(12));
            check("generated listing " + i, generated, current, legacy, kinds);
            check("mutated generated listing " + i, ListingMutations.mutate(generated, INSERTIONS, random), current, legacy, kinds);
        }
        byte[] benchmark = benchmarkText(500);
        check("benchmark listing", benchmark, current, legacy, kinds);
        assertTrue(kinds[0] > 1_000 && kinds[1] > 150 && kinds[2] > 1_000,
                "listings parsed, refused, entries rejected: " + Arrays.toString(kinds));
    }

    @Test
    void jsonListingsParseAsBefore() {
        Random random = new Random(SEED + 3);
        Function<byte[], Object> current = body -> outcome(() -> json.parse(body, AS_OF));
        Function<byte[], Object> legacy = body -> outcome(() -> legacyJson.parse(body, AS_OF));
        int[] kinds = new int[3];
        for (String fixture : List.of(Fixtures.DAILY_JSON, Fixtures.PAPER_JSON)) {
            byte[] body = Fixtures.bytes(fixture);
            check(fixture, body, current, legacy, kinds);
            for (int i = 0; i < 1_500; i++) {
                check(fixture + " mutation " + i, ListingMutations.mutate(body, INSERTIONS, random), current, legacy, kinds);
            }
        }
        for (int i = 0; i < 1_500; i++) {
            byte[] generated = generatedJson(random, 1 + random.nextInt(6));
            check("generated json " + i, generated, current, legacy, kinds);
            check("mutated generated json " + i, ListingMutations.mutate(generated, INSERTIONS, random), current, legacy, kinds);
        }
        assertTrue(kinds[0] > 1_000 && kinds[1] > 250, "listings parsed, refused, entries rejected: " + Arrays.toString(kinds));
    }

    @Test
    void atomFeedsParseAsBefore() {
        Random random = new Random(SEED + 4);
        Function<byte[], Object> current = body -> outcome(() -> atom.parse(body, AS_OF));
        Function<byte[], Object> legacy = body -> outcome(() -> legacyAtom.parse(body, AS_OF));
        int[] kinds = new int[3];
        byte[] feed = Fixtures.bytes(Fixtures.ATOM_FEED);
        check("atom fixture", feed, current, legacy, kinds);
        for (int i = 0; i < 1_500; i++) {
            check("atom mutation " + i, ListingMutations.mutate(feed, INSERTIONS, random), current, legacy, kinds);
        }
        for (int i = 0; i < 1_500; i++) {
            byte[] generated = generatedAtom(random, 1 + random.nextInt(6));
            check("generated atom " + i, generated, current, legacy, kinds);
            check("mutated generated atom " + i, ListingMutations.mutate(generated, INSERTIONS, random), current, legacy, kinds);
        }
        assertTrue(kinds[0] > 1_000 && kinds[1] > 250, "listings parsed, refused, entries rejected: " + Arrays.toString(kinds));
    }

    private static void check(String what, byte[] body, Function<byte[], Object> current, Function<byte[], Object> legacy,
            int[] kinds) {
        Object expected = legacy.apply(body);
        Object actual = current.apply(body);
        assertEquals(expected, actual, () -> what + ": " + quote(new String(body, StandardCharsets.UTF_8)));
        kinds[expected instanceof ParsedListing ? 0 : 1]++;
        if (expected instanceof ParsedListing listing) {
            kinds[2] += listing.rejected().size();
        }
    }

    /** The listing, or the exception's class and message. */
    private static Object outcome(java.util.function.Supplier<ParsedListing> parse) {
        try {
            return parse.get();
        } catch (RuntimeException | StackOverflowError e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    // ---- generators

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String space(Random random) {
        return random.nextInt(3) == 0 ? SPACES[random.nextInt(SPACES.length)] : " ";
    }

    private static String randomDateLine(Random random) {
        StringBuilder line = new StringBuilder();
        if (random.nextInt(8) == 0) {
            line.append(space(random));
        }
        line.append(MONTHS[random.nextInt(MONTHS.length)]);
        if (random.nextInt(10) == 0) {
            line.append('.');
        }
        line.append(random.nextInt(8) == 0 ? space(random) : " ");
        line.append(digits(random, random.nextInt(10) == 0 ? 3 : 1 + random.nextInt(2)));
        if (random.nextBoolean()) {
            line.append(random.nextInt(4) == 0 ? space(random) : "").append(random.nextInt(12) == 0 ? ";" : ",")
                    .append(random.nextInt(4) == 0 ? space(random) : " ")
                    .append(digits(random, random.nextInt(8) == 0 ? 3 + random.nextInt(3) : 4));
        }
        if (random.nextBoolean()) {
            line.append(space(random)).append(digits(random, random.nextInt(10) == 0 ? 8 : 1 + random.nextInt(7)));
        }
        if (random.nextInt(8) == 0) {
            line.append(pick(random, " ", "\u2003", "x", ",", "\u0085", "\n", "\r\n", "\u00A0"));
        }
        return line.toString();
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static String messyText(Random random, String base) {
        StringBuilder out = new StringBuilder(base.length() + 16);
        for (String word : base.split(" ")) {
            if (out.length() > 0) {
                out.append(random.nextInt(6) == 0 ? SPACES[random.nextInt(SPACES.length)] : " ");
            }
            out.append(word);
        }
        return out.toString();
    }

    private static byte[] generatedText(Random random, int papers) {
        String eol = pick(random, "\n", "\n", "\r\n", "\r");
        StringBuilder out = new StringBuilder();
        if (random.nextInt(10) == 0) {
            out.append('\uFEFF');
        }
        if (random.nextInt(4) != 0) {
            out.append("Daily Papers").append(eol).append(eol);
            if (random.nextInt(4) != 0) {
                out.append(random.nextInt(5) == 0 ? randomDateLine(random) : "Dec 17").append(eol).append(eol);
            }
        }
        for (int i = 0; i < papers; i++) {
            if (random.nextInt(30) != 0) {
                out.append(space(random)).append(messyText(random, "Paper " + i + ": Mastering Code Generation"))
                        .append(space(random)).append(eol);
            }
            int paragraphs = random.nextInt(4);
            for (int p = 0; p < paragraphs; p++) {
                out.append(pick(random, "", "", " ", "\t", "\u2003", "\u000B")).append(eol);
                int lines = 1 + random.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    out.append(space(random)).append(messyText(random, IngestAbstract.TEXT)).append(space(random))
                            .append(eol);
                }
            }
            out.append(eol);
            switch (random.nextInt(12)) {
                case 0 -> out.append("Example Lab").append(eol);
                case 1 -> out.append("• ").append(random.nextInt(3)).append(pick(random, " author", " authors",
                        " Authors", "authors", " authors x")).append(eol);
                case 2 -> out.append("•").append(pick(random, "", " ", "\t", "\u2003")).append(digits(random, 1 + random.nextInt(8)))
                        .append(pick(random, " ", "\t", "  ", "\u000B", "")).append("authors").append(eol);
                case 3 -> out.append(messyText(random, "A Very Long Organization Name ".repeat(1 + random.nextInt(20))))
                        .append(eol);
                case 4 -> {
                    // no byline
                }
                default -> out.append(space(random)).append("• ").append(1 + random.nextInt(12)).append(" authors")
                        .append(space(random)).append(eol);
            }
            out.append(random.nextInt(20) == 0 ? eol : "");
            out.append(random.nextInt(15) == 0 ? pick(random, " · ", "\u2003·", "··", ".", "·\t") : "·").append(eol);
            if (random.nextInt(15) == 0) {
                out.append(eol).append(space(random)).append(eol);
            }
            switch (random.nextInt(10)) {
                case 0 -> out.append(randomDateLine(random));
                case 1 -> {
                    // no date
                }
                case 2 -> out.append(pick(random, "Feb 29", "Feb 30", "Apr 31, 2024", "Feb 29, 2023 5", "Dec 0"));
                default -> out.append(i % 3 == 0 ? "Dec 1 " : "Nov 3, 2024 ").append(i % 50);
            }
            out.append(eol).append(eol);
        }
        if (random.nextInt(4) == 0) {
            out.append(randomString(random, TRICKY, random.nextInt(40)));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The benchmark's own listing, as IngestBenchmark generates it. */
    private static byte[] benchmarkText(int count) {
        StringBuilder out = new StringBuilder("Daily Papers\n\nDec 17\n\n");
        for (int i = 0; i < count; i++) {
            out.append("Benchmark run paper ").append(i).append(": Mastering Code Generation through Pretrained Models")
                    .append("\n\n").append(IngestAbstract.TEXT).append("\n\n").append(IngestAbstract.TEXT)
                    .append("\n\n  • ").append(1 + i % 12).append(" authors\n·\n")
                    .append(i % 3 == 0 ? "Dec 1 " : "Nov 3, 2024 ").append(i % 50).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonString(Random random, String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : messyText(random, value).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append(random.nextBoolean() ? "\\n" : "\\u000a");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static byte[] generatedJson(Random random, int papers) {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < papers; i++) {
            String summary = IngestAbstract.TEXT + pick(random, " ", "\n\n", "\n", "\r\n\r\n", "\n \n", "\u2028\u2029",
                    "\u0085\u0085", "\n\u2003\n") + IngestAbstract.TEXT;
            String published = switch (random.nextInt(12)) {
                case 0 -> "2025-12-16";
                case 1 -> "2025-12-16T23:30:00-05:00";
                case 2 -> "2025-12-16T17:59:59.123456789Z";
                case 3 -> pick(random, "2025-02-30T00:00:00Z", "2025-12-16T24:00:00Z", "2025-12-16T17:59:60Z",
                        "2025-12-16T17:59Z", "2025-12-16T17:59:59.Z", "2025-12-16T17:59:59.1234567891Z",
                        "2025-12-16t17:59:59z", "+2025-12-16T00:00:00Z", "12025-12-16T00:00:00Z", "2025-1-16T00:00:00Z",
                        " 2025-12-16T17:59:59Z ", "2025-12-16T17:59:59+00:00", "2024-02-29T00:00:00Z",
                        "2023-02-29T00:00:00Z", "2025-12-16T17:59:59\u0660Z", "2025-12-16T17:59:59.000\u2003Z");
                default -> "2025-12-16T17:59:59.000Z";
            };
            out.append(i == 0 ? "" : ",\n").append("{\"paper\":{\"id\":\"").append(String.format(Locale.ROOT, "2512.%05d", i))
                    .append("\",\"authors\":[{\"name\":").append(jsonString(random, " Ada  Lovelace ")).append("},")
                    .append("{\"name\":\"Alan Turing\"}],\"publishedAt\":").append(jsonString(random, published))
                    .append(",\"title\":").append(jsonString(random, "Paper " + i + ": Mastering Code Generation"))
                    .append(",\"summary\":").append(jsonString(random, summary))
                    .append(",\"upvotes\":").append(i % 97)
                    .append(",\"ai_keywords\":[\"reinforcement  learning\",\"code\\ngeneration\",\"APPS\"],")
                    .append("\"githubRepo\":\"https://github.com/example/repo\"},")
                    .append("\"organization\":{\"name\":\"example\",\"fullname\":").append(jsonString(random, " Example Lab "))
                    .append("}}");
        }
        return out.append("\n]\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] generatedAtom(Random random, int papers) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>ArXiv Query</title>\n");
        for (int i = 0; i < papers; i++) {
            String published = random.nextInt(6) != 0 ? "2025-12-16T17:59:59Z"
                    : pick(random, "2025-12-16T23:30:00-05:00", "2025-12-16", "2025-02-30T00:00:00Z",
                            "2025-12-16T17:59:59.5Z", " 2025-12-16T17:59:59Z\n", "2025-12-16T24:00:00Z", "");
            out.append("  <entry>\n    <id>http://arxiv.org/abs/").append(String.format(Locale.ROOT, "2512.%05d", i))
                    .append("v2</id>\n    <updated>2025-12-17T10:00:00Z</updated>\n    <published>").append(published)
                    .append("</published>\n    <title>").append(messyText(random, "Paper " + i + ": Mastering Code"))
                    .append("</title>\n    <summary>  ")
                    .append(messyText(random, IngestAbstract.TEXT.replace(". ", pick(random, ".\n    ", ".\n\n", ".&#133;&#133;",
                            ".&#x2028;\n", ".\r\n\r\n", ". <![CDATA[\n]]>\n"))))
                    .append("\n    ").append(IngestAbstract.TEXT).append("\n</summary>\n")
                    .append("    <author><name>").append(messyText(random, " Ada  Lovelace "))
                    .append("</name><arxiv:affiliation xmlns:arxiv=\"http://arxiv.org/schemas/atom\">")
                    .append("Analytical Engines Ltd</arxiv:affiliation></author>\n")
                    .append("    <author><name>Alan Turing</name></author>\n")
                    .append("    <arxiv:primary_category xmlns:arxiv=\"http://arxiv.org/schemas/atom\" term=\"cs.CL\"/>\n")
                    .append("    <category term=\"cs.CL\"/>\n    <category term=\"cs.LG\"/>\n  </entry>\n");
        }
        // XML 1.0 has no \u000B or \f: the generated feed itself stays well-formed.
        return out.append("</feed>\n").toString().replace('\u000B', ' ').replace('\f', '\t')
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        String shown = s.length() > 400 ? s.substring(0, 400) + "…(" + s.length() + " chars)" : s;
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c > 0x7E ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }

    /** The benchmark's abstract. */
    private static final class IngestAbstract {
        static final String TEXT = "We study how pretrained language models (LMs) can be adapted with"
                + " reinforcement learning from unit tests and critic feedback. Our method improves pass@k on APPS and"
                + " MBPP, transfers zero-shot, and reduces the cost of fine-tuning; code is available at"
                + " https://github.com/example/repo. We analyse $\\mathcal{O}(n^2)$ attention and sparse variants.";
    }
}
