package dev.paperstream.testing;

import java.util.HashMap;
import java.util.Map;

/** An {@link OutageResource} in front of Elasticsearch; Kafka is the real one, unproxied. */
public class ElasticsearchOutageResource extends OutageResource {

    @Override
    protected String target(StackEndpoints stack) {
        // The stack exports host:port; tolerate a scheme or a list (the first host is proxied).
        String target = stack.elasticsearchHosts().split(",")[0].strip().replaceFirst("^https?://", "");
        return target.contains(":") ? target : target + ":9200";
    }

    @Override
    protected Map<String, String> config(StackEndpoints stack, String proxyAddress) {
        // PostgreSQL too: query-service keeps saved searches there.
        Map<String, String> config = new HashMap<>(stack.quarkusConfig(true, false, true));
        config.put("quarkus.elasticsearch.hosts", proxyAddress);
        return config;
    }
}
