package dev.paperstream.query.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a search or a stream is restricted to. Values of one facet are alternatives (any of them); different
 * facets and the date range must all hold.
 *
 * @param text          search text (simple query string syntax), or empty
 * @param tags          any of these tags
 * @param organizations any of these organizations
 * @param years         any of these publication years
 * @param teamSizes     any of these team size bands
 * @param hasCode       whether a code link is known, or empty for both
 * @param from          earliest publication date, inclusive, or empty
 * @param to            latest publication date, inclusive, or empty
 */
public record SearchFilters(
        Optional<String> text,
        Set<String> tags,
        Set<String> organizations,
        Set<Integer> years,
        Set<String> teamSizes,
        Optional<Boolean> hasCode,
        Optional<LocalDate> from,
        Optional<LocalDate> to) {

    /** The team size bands enrich-service assigns. */
    public static final List<String> TEAM_SIZES = List.of("solo", "small", "medium", "large");

    public SearchFilters {
        tags = Set.copyOf(tags);
        organizations = Set.copyOf(organizations);
        years = Set.copyOf(years);
        teamSizes = Set.copyOf(teamSizes);
    }

    /** No restriction at all. */
    public static SearchFilters none() {
        return new SearchFilters(Optional.empty(), Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * Whether a paper passes these filters, for the live stream. The text is checked simply: every
     * whitespace-separated term (operators stripped) must occur, case-insensitively, in the title, summary, tags,
     * organization or author names; Elasticsearch's analysis (and stemming, where available) is not applied.
     */
    public boolean matches(PaperDocument paper) {
        return matches(paper, searchableText(paper));
    }

    /** As {@link #matches(PaperDocument)}, with the paper's {@link #searchableText} computed once for many filters. */
    public boolean matches(PaperDocument paper, String searchableText) {
        return matchesFacets(paper) && text.map(q -> matchesText(q, searchableText)).orElse(true);
    }

    /** Whether a paper passes every filter but the text. */
    public boolean matchesFacets(PaperDocument paper) {
        if (!tags.isEmpty() && paper.tags().stream().noneMatch(tags::contains)) {
            return false;
        }
        if (!organizations.isEmpty() && !organizations.contains(paper.organization())) {
            return false;
        }
        if (!years.isEmpty() && !years.contains(paper.year())) {
            return false;
        }
        if (!teamSizes.isEmpty() && !teamSizes.contains(paper.teamSize())) {
            return false;
        }
        if (hasCode.isPresent() && hasCode.get() != paper.hasCode()) {
            return false;
        }
        if (from.isPresent() || to.isPresent()) {
            if (paper.publishedOn() == null) {
                return false;
            }
            LocalDate published = LocalDate.parse(paper.publishedOn());
            if (from.isPresent() && published.isBefore(from.get())
                    || to.isPresent() && published.isAfter(to.get())) {
                return false;
            }
        }
        return true;
    }

    /** The text's terms as matching looks for them: lowercased, operators stripped, none empty. */
    public static List<String> terms(String query) {
        List<String> terms = new java.util.ArrayList<>();
        for (String term : query.toLowerCase(Locale.ROOT).split("\\s+")) {
            String bare = term.replaceAll("[+|\\-\"*()~]", "");
            if (!bare.isEmpty()) {
                terms.add(bare);
            }
        }
        return terms;
    }

    /** The text a filter's words are looked for in: title, summary, tags, organization and authors, lowercased. */
    public static String searchableText(PaperDocument paper) {
        return String.join(" ", paper.title(), paper.summary(), String.join(" ", paper.tags()),
                paper.organization() == null ? "" : paper.organization(), String.join(" ", paper.authors()))
                .toLowerCase(Locale.ROOT);
    }

    private static boolean matchesText(String query, String haystack) {
        for (String term : terms(query)) {
            if (!haystack.contains(term)) {
                return false;
            }
        }
        return true;
    }
}
