package dev.paperstream.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StackLocatorTest {

    private static Map<String, String> fullEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put(StackEndpoints.KAFKA_ENV, "127.0.0.1:9092");
        env.put(StackEndpoints.ELASTICSEARCH_ENV, "127.0.0.1:9200");
        env.put(StackEndpoints.POSTGRES_URL_ENV, "jdbc:postgresql://127.0.0.1:5432/paperstream");
        env.put(StackEndpoints.POSTGRES_USERNAME_ENV, "paperstream");
        env.put(StackEndpoints.POSTGRES_PASSWORD_ENV, "secret");
        return env;
    }

    @Test
    void prefersEndpointsFromTheEnvironmentEvenWhenDockerAnswers() {
        assertThat(StackLocator.choose(fullEnvironment(), () -> true)).isEqualTo(StackLocator.Source.ENVIRONMENT);
        assertThat(StackLocator.choose(fullEnvironment(), () -> false)).isEqualTo(StackLocator.Source.ENVIRONMENT);
    }

    @Test
    void usesTestcontainersWhenEnvironmentIsSilentAndDockerAnswers() {
        assertThat(StackLocator.choose(Map.of(), () -> true)).isEqualTo(StackLocator.Source.TESTCONTAINERS);
    }

    @Test
    void failsNamingTheLocalStackWhenNothingIsAvailable() {
        assertThatThrownBy(() -> StackLocator.choose(Map.of(), () -> false))
                .isInstanceOf(StackUnavailableException.class)
                .hasMessageContaining("./deploy/local/stack infra");
    }

    @Test
    void failsOnPartialEnvironmentRatherThanMixingSources() {
        Map<String, String> env = fullEnvironment();
        env.remove(StackEndpoints.POSTGRES_PASSWORD_ENV);

        assertThatThrownBy(() -> StackLocator.choose(env, () -> true))
                .isInstanceOf(StackUnavailableException.class)
                .hasMessageContaining(StackEndpoints.POSTGRES_PASSWORD_ENV);
    }

    @Test
    void readsEndpointsAndMapsThemToQuarkusConfig() {
        StackEndpoints endpoints = StackLocator.fromEnvironment(fullEnvironment());

        assertThat(endpoints.quarkusConfig(true, false, true))
                .containsEntry("kafka.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/paperstream")
                .containsEntry("quarkus.datasource.password", "secret")
                .doesNotContainKey("quarkus.elasticsearch.hosts");
    }
}
