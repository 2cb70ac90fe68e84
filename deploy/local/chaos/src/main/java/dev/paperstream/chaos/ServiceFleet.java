package dev.paperstream.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.paperstream.testing.ServiceProcess;
import dev.paperstream.testing.StackEndpoints;
import dev.paperstream.testing.TcpProxy;

/**
 * Two instances of each service on the chaos stack. Instance 2 of ingest reaches PostgreSQL, instance 2 of enrich
 * reaches Kafka and instance 2 of query reaches Elasticsearch through a {@link TcpProxy}, so the schedule can cut
 * one service off one server while everything else keeps running.
 */
final class ServiceFleet implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest-service", "enrich-service", "query-service");
    static final int INSTANCES = 2;
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path root;
    private final Path logs;
    private final StackEndpoints endpoints;
    private final Map<ChaosStack.Component, TcpProxy> proxies = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private final AtomicInteger launches = new AtomicInteger();

    ServiceFleet(Path root, Path logs, ChaosStack.Endpoints endpoints) throws IOException {
        this.root = root;
        this.logs = logs;
        this.endpoints = endpoints.stack();
        String postgres = this.endpoints.postgresJdbcUrl().replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
        proxies.put(ChaosStack.Component.POSTGRES, TcpProxy.start(postgres));
        proxies.put(ChaosStack.Component.ELASTICSEARCH, TcpProxy.start(this.endpoints.elasticsearchHosts()));
        String advertised = endpoints.kafkaProxiedAddress();
        proxies.put(ChaosStack.Component.KAFKA, TcpProxy.start(endpoints.kafkaProxiedTarget(),
                Integer.parseInt(advertised.substring(advertised.lastIndexOf(':') + 1))));
    }

    /** Which instance each proxy cuts off: "ingest-service#2" from PostgreSQL, and so on. */
    static String cutOff(ChaosStack.Component dependency) {
        return switch (dependency) {
            case POSTGRES -> key("ingest-service", 2);
            case KAFKA -> key("enrich-service", 2);
            case ELASTICSEARCH -> key("query-service", 2);
        };
    }

    static String key(String service, int instance) {
        return service + "#" + instance;
    }

    TcpProxy proxy(ChaosStack.Component dependency) {
        return proxies.get(dependency);
    }

    /** Starts all six instances, then waits until each is ready. */
    void startAll() throws IOException, InterruptedException {
        for (String service : SERVICES) {
            for (int instance = 1; instance <= INSTANCES; instance++) {
                launch(service, instance);
            }
        }
        for (ServiceProcess process : running.values()) {
            process.awaitReady(STARTUP);
        }
    }

    /** SIGKILL of one instance. */
    void kill(String key) throws InterruptedException {
        running.get(key).kill();
    }

    /** Starts a killed instance again and waits until it is ready. */
    void restart(String key) throws IOException, InterruptedException {
        int hash = key.indexOf('#');
        launch(key.substring(0, hash), Integer.parseInt(key.substring(hash + 1))).awaitReady(STARTUP);
    }

    /** The base URI of ingest instance 1 or 2, as it runs now (a restart moves it to another port). */
    String ingestUri(int instance) {
        return running.get(key("ingest-service", instance)).baseUri();
    }

    private ServiceProcess launch(String service, int instance) throws IOException {
        String key = key(service, instance);
        Map<String, String> env = endpoints.serviceEnvironment();
        if (key.equals(cutOff(ChaosStack.Component.POSTGRES))) {
            env.put("POSTGRES_JDBC_URL", env.get("POSTGRES_JDBC_URL")
                    .replaceFirst("//[^/]+/", "//" + proxy(ChaosStack.Component.POSTGRES).address() + "/"));
        }
        if (key.equals(cutOff(ChaosStack.Component.KAFKA))) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", proxy(ChaosStack.Component.KAFKA).address());
        }
        if (key.equals(cutOff(ChaosStack.Component.ELASTICSEARCH))) {
            env.put("ELASTICSEARCH_HOSTS", proxy(ChaosStack.Component.ELASTICSEARCH).address());
        }
        Map<String, String> properties = service.equals("query-service")
                ? Map.of("paperstream.query.index.replicas", "0") : Map.of();
        String log = service + "-" + instance + ".run" + launches.incrementAndGet();
        ServiceProcess process = ServiceProcess.start(root, logs, service, log, env, properties);
        running.put(key, process);
        return process;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (ServiceProcess process : running.values()) {
            process.close();
        }
        for (TcpProxy proxy : proxies.values()) {
            proxy.close();
        }
    }
}
