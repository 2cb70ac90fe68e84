package dev.paperstream.query.persistence;

/** One operation of a bulk request against the papers index. */
public sealed interface BulkAction {

    /** The paper id the operation is about. */
    String id();

    /** Serialized size, for batching by bytes. */
    int sizeInBytes();

    /**
     * Writes a document unless the index holds the paper at this or a newer version.
     *
     * @param id       paper id
     * @param version  external version
     * @param document the document as JSON
     */
    record Index(String id, long version, byte[] document) implements BulkAction {

        @Override
        public int sizeInBytes() {
            return document.length + id.length() + 96;
        }
    }

    /**
     * Replaces a paper by a retirement marker (a versioned tombstone: the paper moved to another id). The marker
     * stays in the index, so its version refuses every later write of the id at or below the retirement's version
     * for good; Elasticsearch remembers the version of a plain delete only for {@code index.gc_deletes}.
     *
     * @param id      the retired paper id
     * @param version the tombstone's version: one more than the last version published for the id
     * @param marker  the marker document as JSON
     */
    record Retire(String id, long version, byte[] marker) implements BulkAction {

        @Override
        public int sizeInBytes() {
            return marker.length + id.length() + 96;
        }
    }

    /**
     * Removes a paper without a version (a tombstone of a producer that sends none: the paper moved to another id).
     *
     * @param id paper id
     */
    record Delete(String id) implements BulkAction {

        @Override
        public int sizeInBytes() {
            return id.length() + 48;
        }
    }
}
