package dev.paperstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the service and the real PostgreSQL, and injects it into fields of type
 * {@code TcpProxy} of the test, so the test can take "PostgreSQL" down and bring it back.
 */
public class PostgresOutageResource implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        StackEndpoints stack = StackLocator.locate();
        URI jdbc = URI.create(stack.postgresJdbcUrl().substring("jdbc:".length()));
        try {
            proxy = TcpProxy.start(jdbc.getHost() + ":" + (jdbc.getPort() < 0 ? 5432 : jdbc.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String proxied = "jdbc:postgresql://" + proxy.address() + jdbc.getRawPath()
                + (jdbc.getRawQuery() == null ? "" : "?" + jdbc.getRawQuery());
        Map<String, String> config = new HashMap<>(stack.quarkusConfig(true, false, true));
        config.put("quarkus.datasource.jdbc.url", proxied);
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
