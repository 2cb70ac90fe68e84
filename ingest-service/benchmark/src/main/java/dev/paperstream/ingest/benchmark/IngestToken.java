package dev.paperstream.ingest.benchmark;

/** The bearer token the benchmarks post listings with: {@code -Dingest.token}, else the local stack's admin token. */
final class IngestToken {

    private IngestToken() {
    }

    static String get() {
        String token = System.getProperty("ingest.token", System.getenv("PAPERSTREAM_ADMIN_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("POST /listings needs a token: export deploy/local/.stack/endpoints.env"
                    + " (PAPERSTREAM_ADMIN_TOKEN) or pass -Dingest.token=$(deploy/local/stack token ingest)");
        }
        return token;
    }
}
