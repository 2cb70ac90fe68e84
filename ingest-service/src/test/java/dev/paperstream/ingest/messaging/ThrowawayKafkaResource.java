package dev.paperstream.ingest.messaging;

import java.util.HashMap;
import java.util.Map;

import dev.paperstream.events.Topics;
import dev.paperstream.testing.StackLocator;
import dev.paperstream.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared PostgreSQL of the stack, and a {@link ThrowawayKafkaBroker} of the test's own that it may
 * kill and restart ({@link #broker()}).
 */
public class ThrowawayKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ThrowawayKafkaBroker broker;

    /** The running test's broker. */
    static ThrowawayKafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = new ThrowawayKafkaBroker();
        broker.start(Topics.PAPERS_LISTED);
        Map<String, String> config = new HashMap<>(StackLocator.locate().quarkusConfig(false, false, true));
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("mp.messaging.outgoing.papers-listed.topic", Topics.PAPERS_LISTED);
        config.putAll(TestTokens.quarkusConfig());
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.destroy();
        }
    }
}
