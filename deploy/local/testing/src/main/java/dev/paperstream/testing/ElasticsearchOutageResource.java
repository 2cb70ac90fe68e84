package dev.paperstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the service and the real Elasticsearch (Kafka is the real one, unproxied), and
 * injects it into fields of type {@code TcpProxy} of the test, so the test can take "Elasticsearch" down and
 * bring it back without touching the shared server.
 */
public class ElasticsearchOutageResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        StackEndpoints stack = StackLocator.locate();
        String hosts = stack.elasticsearchHosts();
        // The stack exports host:port; tolerate a scheme or a list (the first host is proxied).
        String target = hosts.split(",")[0].strip().replaceFirst("^https?://", "");
        try {
            proxy = TcpProxy.start(target.contains(":") ? target : target + ":9200");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(stack.quarkusConfig(true, false, false));
        config.put("quarkus.elasticsearch.hosts", proxy.address());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
