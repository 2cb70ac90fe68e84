package dev.paperstream.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** An {@link OutageResource} in front of PostgreSQL; Kafka is the real one, unproxied. */
public class PostgresOutageResource extends OutageResource {

    @Override
    protected String target(StackEndpoints stack) {
        URI jdbc = jdbcUri(stack);
        return jdbc.getHost() + ":" + (jdbc.getPort() < 0 ? 5432 : jdbc.getPort());
    }

    @Override
    protected Map<String, String> config(StackEndpoints stack, String proxyAddress) {
        URI jdbc = jdbcUri(stack);
        Map<String, String> config = new HashMap<>(stack.quarkusConfig(true, false, true));
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + proxyAddress + jdbc.getRawPath()
                + (jdbc.getRawQuery() == null ? "" : "?" + jdbc.getRawQuery()));
        return config;
    }

    private static URI jdbcUri(StackEndpoints stack) {
        return URI.create(stack.postgresJdbcUrl().substring("jdbc:".length()));
    }
}
