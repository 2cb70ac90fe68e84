package dev.paperstream.query.service;

/** A consumed record that cannot be indexed (position in its batch), with the reason it is dead-lettered. */
public record Rejection(int position, String reason) {
}
