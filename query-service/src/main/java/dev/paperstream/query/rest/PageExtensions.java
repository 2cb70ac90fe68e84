package dev.paperstream.query.rest;

import java.util.List;

import dev.paperstream.query.domain.PaperDocument;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/** Small formatting helpers the UI's templates call on values. */
@TemplateExtension
final class PageExtensions {

    private PageExtensions() {
    }

    /** A highlight fragment as HTML: the text escaped, Elasticsearch's {@code <em>} marks kept. */
    static RawString highlighted(String fragment) {
        return new RawString(escape(fragment).replace("&lt;em&gt;", "<em>").replace("&lt;/em&gt;", "</em>"));
    }

    /** The title with its matched words marked, or the plain title. */
    static RawString titleHtml(PaperHit hit) {
        return hit.highlights().title().isEmpty() ? new RawString(escape(hit.title()))
                : highlighted(hit.highlights().title().get(0));
    }

    /** The matched fragments of the summary, or its start. */
    static RawString snippetHtml(PaperHit hit) {
        if (!hit.highlights().summary().isEmpty()) {
            return highlighted(String.join(" … ", hit.highlights().summary()));
        }
        String summary = hit.summary() == null ? "" : hit.summary();
        return new RawString(escape(summary.length() <= 280 ? summary : summary.substring(0, 280) + "…"));
    }

    /** "3 authors" or the names when there are few. */
    static String byline(PaperHit hit) {
        List<String> authors = hit.authors() == null ? List.of() : hit.authors();
        if (!authors.isEmpty() && authors.size() <= 4) {
            return String.join(", ", authors);
        }
        int count = hit.authorCount() != null ? hit.authorCount() : authors.size();
        return count == 0 ? "" : count == 1 ? "1 author" : count + " authors";
    }

    /** A link kind as a label. */
    static String label(PaperDocument.Link link) {
        return switch (link.kind()) {
            case "code" -> "Code";
            case "dataset" -> "Dataset";
            case "model" -> "Model";
            case "space" -> "Demo";
            case "project" -> "Project page";
            default -> link.kind();
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
