package dev.paperstream.query.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A saved search's filters as stored and shown: the subset of {@link SearchFilters} a subscription keeps (no date
 * range: a subscription follows what is new).
 *
 * @param q            search text, or null
 * @param tag          any of these tags
 * @param organization any of these organizations
 * @param year         any of these publication years
 * @param teamSize     any of these team size bands
 * @param hasCode      whether a code link is known, or null for both
 */
public record SubscriptionFilters(String q, List<String> tag, List<String> organization, List<Integer> year,
        List<String> teamSize, Boolean hasCode) {

    public SubscriptionFilters {
        tag = tag == null ? List.of() : List.copyOf(tag);
        organization = organization == null ? List.of() : List.copyOf(organization);
        year = year == null ? List.of() : List.copyOf(year);
        teamSize = teamSize == null ? List.of() : List.copyOf(teamSize);
    }

    /** The subscription's part of checked search filters. */
    public static SubscriptionFilters of(SearchFilters filters) {
        return new SubscriptionFilters(filters.text().orElse(null), List.copyOf(filters.tags()),
                List.copyOf(filters.organizations()), List.copyOf(filters.years()), List.copyOf(filters.teamSizes()),
                filters.hasCode().orElse(null));
    }

    /** The same filters as a search's, to match papers with {@link SearchFilters#matches}. */
    public SearchFilters toSearchFilters() {
        return new SearchFilters(Optional.ofNullable(q), Set.copyOf(tag), Set.copyOf(organization), Set.copyOf(year),
                Set.copyOf(teamSize), Optional.ofNullable(hasCode), Optional.empty(), Optional.empty());
    }
}
