package dev.paperstream.ingest.domain;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the Hugging Face Daily Papers JSON: the array of {@code /api/daily_papers}, whose items are
 * {@code {paper:{id,title,summary,authors:[{name}],publishedAt,upvotes,ai_keywords,githubRepo,projectPage},
 * organization:{name,fullname}, …}}, or one flat paper object as {@code /api/papers/{id}} returns it.
 *
 * <p>The body is streamed: each array item is read as a tree on its own, so one bad item is rejected
 * with its position and the others are kept. Input limits (nesting depth, string and number length)
 * are enforced by Jackson's {@link StreamReadConstraints}; a body that is not well-formed JSON is a
 * {@link ListingParseException}.
 */
/** Test oracle: the parser code as of 8f69731, before the regex-free rewrite; never change it. */
final class LegacyHfDailyPapersJsonParser {

    /** Deeper nesting than any paper object has is refused before it costs stack. */
    static final int MAX_NESTING_DEPTH = 32;
    private static final int MAX_STRING_LENGTH = 1_000_000;
    private static final int MAX_AUTHORS = 10_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(32)
                            .maxNameLength(1_000)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    /**
     * Parses a JSON listing.
     *
     * @param body the body as received (UTF-8, -16 or -32, detected by Jackson)
     * @param asOf the listing date to report; JSON listings carry full dates
     * @throws ListingParseException when the body is not JSON, or not an array or object of papers
     */
    public ParsedListing parse(byte[] body, LocalDate asOf) {
        List<ListedPaper> papers = new ArrayList<>();
        List<EntryRejection> rejected = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                int entry = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == null) {
                        throw new ListingParseException("JSON array is not closed");
                    }
                    entry++;
                    int line = line(parser.currentTokenLocation());
                    JsonNode item = MAPPER.readTree(parser);
                    read(item, entry, line, papers, rejected);
                }
            } else if (first == JsonToken.START_OBJECT) {
                int line = line(parser.currentTokenLocation());
                read(MAPPER.readTree(parser), 1, line, papers, rejected);
            } else if (first == null) {
                throw new ListingParseException("body is empty");
            } else {
                throw new ListingParseException("JSON listing must be an array of daily papers or one paper object,"
                        + " was " + first.asString());
            }
            if (parser.nextToken() != null) {
                throw new ListingParseException("unexpected content after the JSON value at line "
                        + line(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new ListingParseException("body is not valid JSON" + (where == null ? "" : " at line "
                    + where.getLineNr() + ", column " + where.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ListingParseException("body could not be read as JSON: " + e.getMessage());
        }
        if (papers.isEmpty() && rejected.isEmpty()) {
            throw new ListingParseException("JSON listing holds no papers");
        }
        return new ParsedListing(ListingFormat.HF_DAILY_JSON, asOf, papers, rejected);
    }

    private static void read(JsonNode item, int entry, int line, List<ListedPaper> papers,
            List<EntryRejection> rejected) {
        try {
            papers.add(toPaper(item, entry, line));
        } catch (EntryException e) {
            rejected.add(new EntryRejection(entry, line, e.getMessage()));
        }
    }

    private static ListedPaper toPaper(JsonNode item, int entry, int line) {
        if (item == null || !item.isObject()) {
            throw new EntryException("entry is not a JSON object");
        }
        JsonNode paper = item.has("paper") ? item.get("paper") : item;
        if (!paper.isObject()) {
            throw new EntryException("'paper' is not a JSON object");
        }

        String arxivId = null;
        String rawId = text(paper, "id");
        if (rawId != null) {
            arxivId = ArxivIds.normalize(rawId)
                    .orElseThrow(() -> new EntryException("paper id '" + LegacyPaperText.abbreviate(rawId) + "' is not an arXiv id"));
        }
        String title = LegacyPaperText.normalizeSpace(text(paper, "title"));
        if (title.isEmpty()) {
            throw new EntryException("paper has no title");
        }
        if (title.length() > LegacyPaperText.MAX_TITLE_LENGTH) {
            throw new EntryException("title is longer than " + LegacyPaperText.MAX_TITLE_LENGTH + " characters");
        }
        String summary = LegacyPaperText.paragraphs(text(paper, "summary"));

        String publishedAt = text(paper, "publishedAt");
        if (publishedAt == null) {
            publishedAt = text(item, "publishedAt");
        }
        if (publishedAt == null) {
            throw new EntryException("paper has no publishedAt date");
        }
        LocalDate publishedOn = date(publishedAt);

        Integer upvotes = null;
        JsonNode upvoteNode = paper.get("upvotes");
        if (upvoteNode != null && !upvoteNode.isNull()) {
            if (!upvoteNode.canConvertToInt() || !upvoteNode.isIntegralNumber() || upvoteNode.intValue() < 0) {
                throw new EntryException("upvotes must be a non-negative whole number, was " + LegacyPaperText.abbreviate(upvoteNode.toString()));
            }
            upvotes = upvoteNode.intValue();
        }

        List<String> authors = new ArrayList<>();
        JsonNode authorNodes = paper.get("authors");
        if (authorNodes != null && !authorNodes.isNull()) {
            if (!authorNodes.isArray()) {
                throw new EntryException("authors is not an array");
            }
            if (authorNodes.size() > MAX_AUTHORS) {
                throw new EntryException("more than " + MAX_AUTHORS + " authors");
            }
            for (JsonNode author : authorNodes) {
                String name = LegacyPaperText.normalizeSpace(author.isTextual() ? author.textValue() : text(author, "name"));
                if (!name.isEmpty()) {
                    authors.add(name);
                }
            }
        }

        String organization = organization(item.get("organization"));
        if (organization == null && item != paper) {
            organization = organization(paper.get("organization"));
        }

        return new ListedPaper(entry, line, arxivId, title, summary, publishedOn, upvotes,
                authors.isEmpty() ? null : authors.size(), authors, organization, strings(paper.get("ai_keywords")),
                url(paper, "githubRepo"), url(paper, "projectPage"), List.of(), List.of());
    }

    private static String organization(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String name = LegacyPaperText.normalizeSpace(text(node, "fullname"));
        if (name.isEmpty()) {
            name = LegacyPaperText.normalizeSpace(text(node, "name"));
        }
        return name.isEmpty() ? null : name;
    }

    private static LocalDate date(String value) {
        try {
            return OffsetDateTime.parse(value.strip()).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e2) {
                throw new EntryException("publishedAt '" + LegacyPaperText.abbreviate(value) + "' is not an ISO-8601 date-time");
            }
        }
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode value : node) {
            if (value.isTextual()) {
                String normalized = LegacyPaperText.normalizeSpace(value.textValue());
                if (!normalized.isEmpty() && normalized.length() <= 200) {
                    values.add(normalized);
                }
            }
        }
        return List.copyOf(values);
    }

    /** An http(s) URL, or null when absent; anything else is not a link the pipeline should pass on. */
    private static String url(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        if (!(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2_000
                || url.chars().anyMatch(Character::isWhitespace)) {
            throw new EntryException(field + " '" + LegacyPaperText.abbreviate(url) + "' is not an http(s) URL");
        }
        return url;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new EntryException(field + " is not a string");
        }
        return value.textValue();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }
}
