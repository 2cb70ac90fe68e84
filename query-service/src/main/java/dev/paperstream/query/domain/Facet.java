package dev.paperstream.query.domain;

/** The facets of a search, with the indexed field each one counts and how many values it lists at most. */
public enum Facet {
    TAGS("tags", "tags", 50),
    ORGANIZATION("organization", "organization", 30),
    YEAR("year", "year", 50),
    TEAM_SIZE("teamSize", "teamSize", 10),
    HAS_CODE("hasCode", "hasCode", 2);

    private final String label;
    private final String field;
    private final int size;

    Facet(String label, String field, int size) {
        this.label = label;
        this.field = field;
        this.size = size;
    }

    /** The facet's name in responses (and its parameter name, except {@code tag}). */
    public String label() {
        return label;
    }

    /** The indexed field. */
    public String field() {
        return field;
    }

    /** How many values are listed at most, most frequent first. */
    public int size() {
        return size;
    }
}
