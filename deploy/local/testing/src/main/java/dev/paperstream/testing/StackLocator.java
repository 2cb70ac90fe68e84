package dev.paperstream.testing;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Finds the infrastructure tests run against, in this order: endpoints given by the environment (the
 * local stack exports them), else containers when a Docker engine answers, else a failure that says
 * how to start the local stack. Tests never silently fall back to in-memory stand-ins.
 */
public final class StackLocator {

    /** Where the endpoints came from. */
    public enum Source {
        ENVIRONMENT,
        TESTCONTAINERS
    }

    static final List<String> REQUIRED_ENV = List.of(StackEndpoints.KAFKA_ENV, StackEndpoints.ELASTICSEARCH_ENV,
            StackEndpoints.POSTGRES_URL_ENV, StackEndpoints.POSTGRES_USERNAME_ENV,
            StackEndpoints.POSTGRES_PASSWORD_ENV);

    private static StackEndpoints located;

    private StackLocator() {
    }

    /** The endpoints for this JVM, located once. */
    public static synchronized StackEndpoints locate() {
        if (located == null) {
            located = switch (choose(System.getenv(), StackLocator::dockerAnswers)) {
                case ENVIRONMENT -> fromEnvironment(System.getenv());
                case TESTCONTAINERS -> TestcontainersStack.start();
            };
        }
        return located;
    }

    /**
     * Decides where the endpoints come from.
     *
     * @throws StackUnavailableException when the environment names only some endpoints, or names none
     *                                   and no Docker engine answers
     */
    public static Source choose(Map<String, String> env, BooleanSupplier dockerAvailable) {
        List<String> present = REQUIRED_ENV.stream().filter(name -> isSet(env, name)).toList();
        if (present.size() == REQUIRED_ENV.size()) {
            return Source.ENVIRONMENT;
        }
        if (!present.isEmpty()) {
            List<String> missing = REQUIRED_ENV.stream().filter(name -> !isSet(env, name)).toList();
            throw new StackUnavailableException("The environment names some test endpoints but not " + missing
                    + ". Export all of deploy/local/.stack/endpoints.env (./deploy/local/stack test does), or none.");
        }
        if (dockerAvailable.getAsBoolean()) {
            return Source.TESTCONTAINERS;
        }
        throw new StackUnavailableException("No Kafka, Elasticsearch and PostgreSQL to test against: the environment"
                + " does not name them (" + String.join(", ", REQUIRED_ENV) + ") and no Docker engine answers."
                + " Start the local stack with ./deploy/local/stack infra and run the tests with"
                + " ./deploy/local/stack test.");
    }

    /** The endpoints named by environment variables, or by the lines of an {@code endpoints.env} read into a map. */
    public static StackEndpoints fromEnvironment(Map<String, String> env) {
        return new StackEndpoints(env.get(StackEndpoints.KAFKA_ENV), env.get(StackEndpoints.ELASTICSEARCH_ENV),
                env.get(StackEndpoints.POSTGRES_URL_ENV), env.get(StackEndpoints.POSTGRES_USERNAME_ENV),
                env.get(StackEndpoints.POSTGRES_PASSWORD_ENV));
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static boolean dockerAnswers() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
