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
     * Removes a paper (a tombstone: the paper moved to another id).
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
