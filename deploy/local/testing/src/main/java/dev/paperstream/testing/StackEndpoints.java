package dev.paperstream.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the test infrastructure listens.
 *
 * @param kafkaBootstrapServers  {@code host:port} of a Kafka broker
 * @param elasticsearchHosts     {@code host:port} of Elasticsearch
 * @param postgresJdbcUrl        JDBC URL of the PostgreSQL database
 * @param postgresUsername       database user
 * @param postgresPassword       database password
 */
public record StackEndpoints(String kafkaBootstrapServers, String elasticsearchHosts, String postgresJdbcUrl,
        String postgresUsername, String postgresPassword) {

    /** The environment variables the local stack exports ({@code deploy/local/.stack/endpoints.env}). */
    public static final String KAFKA_ENV = "PAPERSTREAM_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ELASTICSEARCH_ENV = "PAPERSTREAM_ELASTICSEARCH_HOSTS";
    public static final String POSTGRES_URL_ENV = "PAPERSTREAM_POSTGRES_JDBC_URL";
    public static final String POSTGRES_USERNAME_ENV = "PAPERSTREAM_POSTGRES_USERNAME";
    public static final String POSTGRES_PASSWORD_ENV = "PAPERSTREAM_POSTGRES_PASSWORD";

    /** The environment a packaged service reads in its prod profile ({@code KAFKA_BOOTSTRAP_SERVERS} and so on). */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("ELASTICSEARCH_HOSTS", elasticsearchHosts);
        env.put("POSTGRES_JDBC_URL", postgresJdbcUrl);
        env.put("POSTGRES_USERNAME", postgresUsername);
        env.put("POSTGRES_PASSWORD", postgresPassword);
        // DJL, the embedding model's tokenizer, would otherwise call a cloud metadata address.
        env.put("OPT_OUT_TRACKING", "true");
        // Loopback only, as the local stack.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // One address makes all of a suite's requests: lift the per-client limits (their own tests check them).
        env.put("PAPERSTREAM_INGEST_WRITES_PER_MINUTE", "1000000");
        env.put("PAPERSTREAM_QUERY_READS_PER_MINUTE", "1000000");
        // Writes need a bearer token: the tests sign theirs with TestTokens.
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestTokens.publicKey().toUri().toString());
        return env;
    }

    /** The Quarkus configuration that points a service at these endpoints, for the parts it uses. */
    public Map<String, String> quarkusConfig(boolean kafka, boolean elasticsearch, boolean postgres) {
        Map<String, String> config = new LinkedHashMap<>();
        if (kafka) {
            config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        }
        if (elasticsearch) {
            config.put("quarkus.elasticsearch.hosts", elasticsearchHosts);
        }
        if (postgres) {
            config.put("quarkus.datasource.jdbc.url", postgresJdbcUrl);
            config.put("quarkus.datasource.username", postgresUsername);
            config.put("quarkus.datasource.password", postgresPassword);
        }
        return config;
    }
}
