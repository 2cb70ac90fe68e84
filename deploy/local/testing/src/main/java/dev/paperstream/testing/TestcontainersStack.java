package dev.paperstream.testing;

import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka, Elasticsearch and PostgreSQL in containers, for contributors with a Docker engine. Started
 * once per JVM; Testcontainers removes them when the JVM exits. Versions match the local stack.
 */
final class TestcontainersStack {

    private TestcontainersStack() {
    }

    @SuppressWarnings("resource") // lives as long as the test JVM
    static StackEndpoints start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        ElasticsearchContainer elasticsearch = new ElasticsearchContainer(
                "docker.elastic.co/elasticsearch/elasticsearch:9.2.0")
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15")
                .withDatabaseName("paperstream")
                .withUsername("paperstream")
                .withPassword("paperstream");
        kafka.start();
        elasticsearch.start();
        postgres.start();
        return new StackEndpoints(kafka.getBootstrapServers(), elasticsearch.getHttpHostAddress(),
                postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }
}
