package dev.paperstream.ingest.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ingest-service settings, under {@code paperstream.ingest}. */
@ConfigMapping(prefix = "paperstream.ingest")
public interface IngestConfig {

    /** Largest listing body accepted; larger ones get 413. */
    @WithDefault("10M")
    MemorySize maxListingSize();

    /**
     * Papers resolved and written as one set (one locking read, one batch per kind of write); larger listings
     * are processed chunk after chunk in the same transaction, so memory stays flat.
     */
    @WithDefault("500")
    int chunkSize();

    /**
     * Listings each client (by address) may post per minute, in a burst or spread out; beyond it {@code 429} with
     * {@code Retry-After}.
     */
    @WithDefault("120")
    int writesPerMinute();

    /** The outbox relay. */
    Outbox outbox();

    /**
     * Feeds polled on a schedule, e.g. {@code paperstream.ingest.sources[0].url=https://huggingface.co/api/daily_papers},
     * {@code …sources[0].format=hf-daily-json}, {@code …sources[0].interval=15m}. None by default.
     */
    Optional<List<Source>> sources();

    /** One polled feed. */
    interface Source {

        /** Name shown by {@code GET /sources} and kept as the listings' provenance; default: the URL's host and path. */
        Optional<String> name();

        /** Where the feed is fetched (http or https). */
        URI url();

        /** {@code hf-daily-text}, {@code hf-daily-json} or {@code arxiv-atom}. */
        String format();

        /** Time between polls while the feed answers. */
        @WithDefault("15m")
        Duration interval();

        /** First wait after a failed poll; doubles with each further failure. */
        @WithDefault("30s")
        Duration initialBackoff();

        /** Longest wait between polls of a failing feed. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** Connect and whole-response timeout of one poll. */
        @WithDefault("30s")
        Duration timeout();
    }

    /** How pending events travel from the outbox table to Kafka. */
    interface Outbox {

        /** How often the relay looks for pending events (also {@code paperstream.ingest.outbox.poll-interval}). */
        @WithDefault("0.25s")
        Duration pollInterval();

        /** Events sent per relay transaction. */
        @WithDefault("1000")
        int batchSize();

        /** How long the relay waits for Kafka to acknowledge a batch before trying again later. */
        @WithDefault("40s")
        Duration ackTimeout();

        /**
         * How long a new relay lease holder waits after a holder that did not release the lease renewed it last:
         * longer than the producer's {@code delivery.timeout.ms} (30 s), so none of that holder's sends can land
         * after the new holder's.
         */
        @WithDefault("35s")
        Duration takeoverGrace();
    }
}
