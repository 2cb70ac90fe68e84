package dev.paperstream.ingest.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ingest-service settings, under {@code paperstream.ingest}. */
@ConfigMapping(prefix = "paperstream.ingest")
public interface IngestConfig {

    /** Largest listing body accepted; larger ones get 413. */
    @WithDefault("10M")
    MemorySize maxListingSize();

    /** The outbox relay. */
    Outbox outbox();

    /** How pending events travel from the outbox table to Kafka. */
    interface Outbox {

        /** How often the relay looks for pending events (also {@code paperstream.ingest.outbox.poll-interval}). */
        @WithDefault("0.25s")
        Duration pollInterval();

        /** Events sent per relay transaction. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for Kafka to acknowledge a batch before trying again later. */
        @WithDefault("40s")
        Duration ackTimeout();
    }
}
