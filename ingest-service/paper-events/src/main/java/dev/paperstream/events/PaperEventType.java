package dev.paperstream.events;

/** Why ingest-service published a paper: first seen, or seen again with changed data. */
public enum PaperEventType {
    PaperListed,
    PaperUpdated
}
