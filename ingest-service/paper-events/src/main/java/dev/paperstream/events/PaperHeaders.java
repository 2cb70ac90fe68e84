package dev.paperstream.events;

/**
 * Kafka record headers of the paper topics beyond CloudEvents' {@code ce_*}. A tombstone (null value) retires
 * its key's paper id; it names the id that replaced it and carries the retired id's version, so that a
 * consumer can apply the delete with that version and refuse any older record of the id that arrives later.
 */
public final class PaperHeaders {

    /** On a tombstone: the paper id that replaces the retired key. */
    public static final String SUPERSEDED_BY = "paperstream_superseded_by";
    /** On a tombstone: the retired id's version (decimal), one more than its last published version. */
    public static final String VERSION = "paperstream_version";

    private PaperHeaders() {
    }
}
