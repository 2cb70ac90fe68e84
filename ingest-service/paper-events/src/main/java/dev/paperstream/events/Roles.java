package dev.paperstream.events;

/**
 * The roles a paperstream bearer token carries in its {@code groups} claim, and the issuer the services accept.
 * Reads ({@code /papers/*}, feeds, the UI) need none.
 */
public final class Roles {

    /** May post listings to ingest-service. */
    public static final String INGEST = "ingest";
    /** May keep saved searches (its own only). */
    public static final String SUBSCRIBER = "subscriber";
    /** May do everything, including other callers' saved searches and their deliveries. */
    public static final String ADMIN = "admin";
    /** The {@code iss} claim of paperstream's tokens ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "paperstream";

    private Roles() {
    }
}
