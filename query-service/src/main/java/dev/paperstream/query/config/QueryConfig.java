package dev.paperstream.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** query-service settings, under {@code paperstream.query}. */
@ConfigMapping(prefix = "paperstream.query")
public interface QueryConfig {

    /** The search index. */
    Index index();

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
}
