package dev.paperstream.query.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** query-service settings, under {@code paperstream.query}. */
@ConfigMapping(prefix = "paperstream.query")
public interface QueryConfig {

    /** The search index. */
    Index index();

    /** Bulk indexing of papers.enriched. */
    Indexing indexing();

    /** The live stream. */
    Stream stream();

    /** Where papers are indexed. */
    interface Index {

        /** Alias that readers and writers use; it points at {@code <alias>-v<mapping-version>}. */
        @WithDefault("papers")
        String alias();

        /** Version of the bundled mapping; a new version is a new index behind the same alias. */
        @WithDefault("1")
        int mappingVersion();

        /** Replicas per shard; 0 on a single local node, at least 1 in production. */
        @WithDefault("1")
        int replicas();
    }

    /** How consumed records become bulk requests. */
    interface Indexing {

        /** Most operations per bulk request; a polled batch larger than this is split. */
        @WithDefault("1000")
        int bulkMaxActions();

        /** Most bytes per bulk request body; a polled batch larger than this is split. */
        @WithDefault("5242880")
        int bulkMaxBytes();

        /** First pause before retrying items (or a request) Elasticsearch could not take; doubles each time. */
        @WithDefault("0.2s")
        Duration retryFirstPause();

        /** Longest pause between retries. */
        @WithDefault("30s")
        Duration retryLongestPause();
    }

    /** Server-Sent Events of indexed papers. */
    interface Stream {

        /** How often an idle stream gets a keep-alive comment. */
        @WithDefault("15s")
        Duration keepAlive();

        /** How long a streamed event waits for its paper to be indexed before it is dropped. */
        @WithDefault("10s")
        Duration indexedWait();

        /** Papers a stream holds for a reader that does not keep up; older ones are dropped and reported as a gap. */
        @WithDefault("1000")
        int subscriberBuffer();

        /** Streams open at once on one replica; more are refused with 503 and Retry-After. */
        @WithDefault("500")
        int maxSubscribers();

        /** Index checks of streamed events waiting at once; beyond this, events are skipped and reported as gaps. */
        @WithDefault("10000")
        int maxPendingChecks();
    }
}
