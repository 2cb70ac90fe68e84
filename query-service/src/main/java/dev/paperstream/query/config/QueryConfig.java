package dev.paperstream.query.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;

/** query-service settings, under {@code paperstream.query}. */
@ConfigMapping(prefix = "paperstream.query")
public interface QueryConfig {

    /** The defaults with some properties set, for code that runs outside the container (unit tests, benchmarks). */
    static QueryConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(QueryConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "QueryConfig.of", 500)).build()
                .getConfigMapping(QueryConfig.class);
    }

    /**
     * Requests each client (by address) may make per minute to the API and the pages, in a burst or spread out;
     * beyond it {@code 429} with {@code Retry-After}.
     */
    @WithDefault("1200")
    int readsPerMinute();

    /** The search index. */
    Index index();

    /** Bulk indexing of papers.enriched. */
    Indexing indexing();

    /** The live stream. */
    Stream stream();

    /** Paper vectors: the model and the sweep that embeds papers after they are indexed. */
    Embedding embedding();

    /** Semantic and hybrid retrieval. */
    Search search();

    /** Trending gains kept relative to now. */
    Trending trending();

    /** Topic tags added by meaning when a paper gets its vector. */
    Tagging tagging();

    /** Webhook deliveries of saved searches. */
    Webhooks webhooks();

    /** How saved searches' matches are posted to their webhooks. */
    interface Webhooks {

        /**
         * Hosts (names or literal addresses) a webhook may name although they resolve to loopback, private or
         * link-local addresses; none by default. The local stack and the tests allow {@code 127.0.0.1}.
         */
        Optional<List<String>> allowedHosts();

        /** How often due deliveries are looked for. */
        @WithDefault("0.5s")
        Duration pollInterval();

        /** Deliveries sent per look, one after another. */
        @WithDefault("20")
        int batchSize();

        /** Longest wait for a target's answer (connect and response); longer counts as a failed attempt. */
        @WithDefault("5s")
        Duration timeout();

        /** Pause after the first failed attempt; it doubles after each further one, up to the longest. */
        @WithDefault("1s")
        Duration firstRetry();

        @WithDefault("10m")
        Duration longestRetry();

        /** Age of a delivery after which a failed attempt is its last ({@code gave-up}). */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** Bytes of a target's answer read at most (the rest is discarded). */
        @WithDefault("65536")
        int maxResponseBytes();
    }

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

    /** The in-process embedding model and the sweep that gives indexed papers their vectors. */
    interface Embedding {

        /** Whether this replica embeds papers that lack a vector (queries are embedded regardless). */
        @WithDefault("true")
        boolean sweep();

        /**
         * Bumped to re-embed every paper with the same model (e.g. after changing {@link dev.paperstream.query
         * .domain.EmbeddingText}): vectors are stored with {@code <model>@<revision>} and the sweep re-embeds
         * every paper whose vector has another.
         */
        @WithDefault("1")
        int revision();

        /** Threads that embed; each uses one core. */
        @WithDefault("2")
        int threads();

        /** Papers read, embedded and written per round of the sweep; a round holds the cores this long at most. */
        @WithDefault("32")
        int batchSize();

        /**
         * Share of the time the sweep may embed while papers wait: after a round that took t, it pauses
         * t × (1 / share − 1), so that indexing and search keep cores to themselves. 1 for a backfill at full speed.
         */
        @WithDefault("0.5")
        double cpuShare();

        /** Pause of the sweep when no paper lacks a vector. */
        @WithDefault("1s")
        Duration idlePause();

        /** How often the sweep logs its progress while it works. */
        @WithDefault("10s")
        Duration progressInterval();
    }

    /** How semantic and hybrid searches gather candidates. */
    interface Search {

        /** Nearest papers the vector side contributes (the kNN query's k). */
        @WithDefault("100")
        int semanticCandidates();

        /**
         * Least cosine similarity between the text's and a paper's vectors for the paper to match by meaning; below
         * it a paper is not "near" however few are nearer, so that an odd query does not fill the results with k
         * unrelated papers. 0.25: the highest value that loses none of the tuning half of the relevance benchmark's
         * descriptive queries (a paraphrase is often only 0.2–0.35 from its paper with this model).
         */
        @WithDefault("0.25")
        double minSimilarity();

        /** Hits of each side that reciprocal rank fusion ranks in hybrid relevance order. */
        @WithDefault("100")
        int rankWindow();
    }

    /** How trending gains follow the clock. */
    interface Trending {

        /** How often papers whose window gains changed with time are re-scored. */
        @WithDefault("1m")
        Duration rescoreInterval();
    }

    /**
     * Tags by meaning: when the sweep embeds a paper, tags whose definition or examples are near its vector are added
     * to the keyword rules' tags (enrich-service), for papers in words the rules do not know.
     */
    interface Tagging {

        /** Whether papers get tags by meaning at all. */
        @WithDefault("true")
        boolean enabled();

        /** A taxonomy file to use instead of the bundled one (the same file as enrich's, for its examples). */
        Optional<Path> taxonomyFile();

        /** Least cosine similarity between a paper and a tag's nearest prototype; tuned on half the judged set. */
        @WithDefault("0.64")
        double minSimilarity();

        /**
         * How far below the paper's nearest tag another tag may be and still be added (0: only the nearest); tuned
         * with the above.
         */
        @WithDefault("0")
        double maxBelowBest();
    }
}
