package dev.paperstream.ingest.domain;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an arXiv API Atom feed ({@code export.arxiv.org/api/query}): each {@code entry} with its
 * versioned id ({@code http://arxiv.org/abs/2207.01780v3}), multi-line title and summary, authors with
 * {@code arxiv:affiliation}, categories and published/updated dates. Links are not read: the arXiv
 * abstract and PDF pages follow from the id, and the event contract has no field for them.
 *
 * <p>The reader is hardened: DTDs are not supported, external entities are never resolved, entity
 * references are not replaced, and a document carrying a {@code DOCTYPE} is refused as soon as it is
 * seen, so neither a file read (XXE) nor an entity expansion (billion laughs) can happen.
 */
/** Test oracle: the parser code as of 8f69731, before the regex-free rewrite; never change it. */
final class LegacyArxivAtomParser {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ARXIV = "http://arxiv.org/schemas/atom";
    /** Atom entries are shallow; deeper documents are not feeds. */
    private static final int MAX_DEPTH = 32;
    private static final int MAX_TEXT_LENGTH = 1_000_000;
    private static final XMLInputFactory FACTORY = hardenedFactory();

    /**
     * Parses a feed.
     *
     * @param body the feed as received; its encoding comes from the XML declaration (default UTF-8)
     * @param asOf the listing date to report; feeds carry full dates
     * @throws ListingParseException when the body is not a well-formed Atom feed or entry, or declares a DTD
     */
    public ParsedListing parse(byte[] body, LocalDate asOf) {
        if (body.length == 0) {
            throw new ListingParseException("body is empty");
        }
        List<ListedPaper> papers = new ArrayList<>();
        List<EntryRejection> rejected = new ArrayList<>();
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            boolean rootSeen = false;
            int entry = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new ListingParseException(
                            "XML with a DOCTYPE declaration is not accepted: Atom feeds have no DTD");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new ListingParseException(
                            "XML entity reference &" + reader.getLocalName() + "; is not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (!rootSeen) {
                            rootSeen = true;
                            if (isAtom(reader, "entry")) {
                                entry++;
                                readEntry(reader, entry, papers, rejected);
                                depth--;
                                continue;
                            }
                            if (!isAtom(reader, "feed")) {
                                throw new ListingParseException("XML root element is <" + reader.getLocalName()
                                        + ">, not an Atom <feed> (namespace " + ATOM + ")");
                            }
                        } else if (depth == 2 && isAtom(reader, "entry")) {
                            entry++;
                            readEntry(reader, entry, papers, rejected);
                            depth--;
                        } else if (depth > MAX_DEPTH) {
                            throw new ListingParseException("XML is nested deeper than " + MAX_DEPTH + " elements");
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> {
                        // Text between feed elements, comments and processing instructions carry no papers.
                    }
                }
            }
            if (!rootSeen) {
                throw new ListingParseException("body holds no XML element");
            }
        } catch (XMLStreamException e) {
            Location where = e.getLocation();
            throw new ListingParseException("body is not well-formed XML" + (where == null ? "" : " at line "
                    + where.getLineNumber() + ", column " + where.getColumnNumber()) + ": " + firstLine(e.getMessage()));
        } finally {
            close(reader);
        }
        if (papers.isEmpty() && rejected.isEmpty()) {
            throw new ListingParseException("Atom feed holds no entries");
        }
        return new ParsedListing(ListingFormat.ARXIV_ATOM, asOf, papers, rejected);
    }

    /** Reads one entry; the reader is on its start tag and is left on its end tag. */
    private static void readEntry(XMLStreamReader reader, int entry, List<ListedPaper> papers,
            List<EntryRejection> rejected) throws XMLStreamException {
        int line = Math.max(0, reader.getLocation().getLineNumber());
        AtomEntry fields = new AtomEntry();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (depth == 1) {
                    readField(reader, fields);
                } else {
                    depth++;
                }
                if (depth > MAX_DEPTH) {
                    throw new ListingParseException("XML is nested deeper than " + MAX_DEPTH + " elements");
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ListingParseException("XML entity references are not accepted");
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new ListingParseException("XML ends inside an entry");
            }
        }
        try {
            papers.add(fields.toPaper(entry, line));
        } catch (EntryException e) {
            rejected.add(new EntryRejection(entry, line, e.getMessage()));
        }
    }

    /** Reads one child element of an entry; the reader is left on its end tag. */
    private static void readField(XMLStreamReader reader, AtomEntry fields) throws XMLStreamException {
        String ns = reader.getNamespaceURI();
        String name = reader.getLocalName();
        if (ATOM.equals(ns)) {
            switch (name) {
                case "id" -> fields.id = readText(reader);
                case "title" -> fields.title = readText(reader);
                case "summary" -> fields.summary = readText(reader);
                case "published" -> fields.published = readText(reader);
                case "updated" -> fields.updated = readText(reader);
                case "category" -> {
                    fields.categories.add(attribute(reader, "term"));
                    skip(reader);
                }
                case "author" -> readAuthor(reader, fields);
                default -> skip(reader);
            }
        } else if (ARXIV.equals(ns) && name.equals("primary_category")) {
            fields.primaryCategory = attribute(reader, "term");
            skip(reader);
        } else {
            skip(reader);
        }
    }

    private static void readAuthor(XMLStreamReader reader, AtomEntry fields) throws XMLStreamException {
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (ATOM.equals(reader.getNamespaceURI()) && reader.getLocalName().equals("name")) {
                    fields.authors.add(LegacyPaperText.normalizeSpace(readText(reader)));
                } else if (ARXIV.equals(reader.getNamespaceURI()) && reader.getLocalName().equals("affiliation")) {
                    fields.affiliations.add(LegacyPaperText.normalizeSpace(readText(reader)));
                } else {
                    skip(reader);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new ListingParseException("XML ends inside an author");
            }
        }
    }

    /** The text content of the current element and its descendants; the reader is left on its end tag. */
    private static String readText(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() + reader.getTextLength() > MAX_TEXT_LENGTH) {
                        throw new ListingParseException("an XML element holds more than " + MAX_TEXT_LENGTH
                                + " characters of text");
                    }
                    text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        throw new ListingParseException("XML is nested deeper than " + MAX_DEPTH + " elements");
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD -> throw new ListingParseException(
                        "XML entity references are not accepted");
                case XMLStreamConstants.END_DOCUMENT -> throw new ListingParseException("XML ends inside an element");
                default -> {
                    // comments and processing instructions inside text are dropped
                }
            }
        }
        return text.toString();
    }

    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        readText(reader);
    }

    private static String attribute(XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        return value == null ? null : value.strip();
    }

    private static boolean isAtom(XMLStreamReader reader, String localName) {
        return ATOM.equals(reader.getNamespaceURI()) && localName.equals(reader.getLocalName());
    }

    private static XMLInputFactory hardenedFactory() {
        // The JDK's own implementation, whatever else is on the classpath: its hardening is what we test.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not resolved: " + systemId);
        });
        return factory;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing to release beyond the in-memory stream.
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String[] lines = message.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    /** The fields of one entry as read, before validation. */
    private static final class AtomEntry {
        String id;
        String title;
        String summary;
        String published;
        String updated;
        String primaryCategory;
        final List<String> categories = new ArrayList<>();
        final List<String> authors = new ArrayList<>();
        final Set<String> affiliations = new LinkedHashSet<>();

        ListedPaper toPaper(int entry, int line) {
            String rawId = id == null ? "" : id.strip();
            if (rawId.startsWith("http://arxiv.org/api/errors")) {
                throw new EntryException("the arXiv API reports an error: " + LegacyPaperText.normalizeSpace(summary));
            }
            String arxivId = rawId.isEmpty() ? null : ArxivIds.normalize(rawId).orElseThrow(
                    () -> new EntryException("entry id '" + LegacyPaperText.abbreviate(rawId) + "' is not an arXiv abstract URL"));
            String normalizedTitle = LegacyPaperText.normalizeSpace(title);
            if (normalizedTitle.isEmpty()) {
                throw new EntryException("entry has no title");
            }
            if (normalizedTitle.length() > LegacyPaperText.MAX_TITLE_LENGTH) {
                throw new EntryException("title is longer than " + LegacyPaperText.MAX_TITLE_LENGTH + " characters");
            }
            String date = published != null ? published : updated;
            if (date == null || date.isBlank()) {
                throw new EntryException("entry has no published date");
            }
            LocalDate publishedOn;
            try {
                publishedOn = OffsetDateTime.parse(date.strip()).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeParseException e) {
                throw new EntryException("published '" + LegacyPaperText.abbreviate(date) + "' is not an RFC 3339 date-time");
            }
            Set<String> allCategories = new LinkedHashSet<>();
            if (primaryCategory != null && !primaryCategory.isEmpty()) {
                allCategories.add(primaryCategory);
            }
            categories.stream().filter(c -> c != null && !c.isEmpty() && c.length() <= 100).forEach(allCategories::add);
            List<String> names = authors.stream().filter(a -> !a.isEmpty()).toList();
            List<String> affiliationList = affiliations.stream().filter(a -> !a.isEmpty()).toList();
            return new ListedPaper(entry, line, arxivId, normalizedTitle, LegacyPaperText.paragraphs(summary), publishedOn,
                    null, names.isEmpty() ? null : names.size(), names, null, List.of(), null, null,
                    List.copyOf(allCategories), affiliationList);
        }
    }
}
