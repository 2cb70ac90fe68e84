package dev.paperstream.enrich.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** enrich-service settings, under {@code paperstream.enrich}. */
@ConfigMapping(prefix = "paperstream.enrich")
public interface EnrichConfig {

    /**
     * A taxonomy file to use instead of the bundled {@code taxonomy/taxonomy.txt}; same format. Unset
     * by default.
     */
    Optional<Path> taxonomyFile();
}
