package dev.paperstream.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real infrastructure found by {@link StackLocator}. Init args
 * {@code kafka}, {@code elasticsearch}, {@code postgres} ({@code "true"}) select what the service uses.
 * The service also accepts {@link TestTokens}.
 */
public class PaperstreamStackResource implements QuarkusTestResourceLifecycleManager {

    private boolean kafka;
    private boolean elasticsearch;
    private boolean postgres;

    @Override
    public void init(Map<String, String> initArgs) {
        kafka = Boolean.parseBoolean(initArgs.getOrDefault("kafka", "false"));
        elasticsearch = Boolean.parseBoolean(initArgs.getOrDefault("elasticsearch", "false"));
        postgres = Boolean.parseBoolean(initArgs.getOrDefault("postgres", "false"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(StackLocator.locate().quarkusConfig(kafka, elasticsearch, postgres));
        config.putAll(TestTokens.quarkusConfig());
        return config;
    }

    @Override
    public void stop() {
        // Containers, if any, are shared by the JVM and removed by Testcontainers when it exits.
    }
}
