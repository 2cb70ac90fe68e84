package dev.paperstream.ingest.messaging;

/** Fired in a transaction that wrote outbox rows, so the relay publishes them as soon as it commits. */
public record OutboxWritten() {
}
