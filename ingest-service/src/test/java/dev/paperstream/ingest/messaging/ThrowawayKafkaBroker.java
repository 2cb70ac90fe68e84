package dev.paperstream.ingest.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;

/**
 * A single-node KRaft Kafka broker of its own, run as a child process from the local stack's Kafka
 * distribution ({@code deploy/local/.stack/dist/kafka/lib}) on free ports in a temporary folder, so that
 * a test can kill and restart it without touching the shared broker.
 */
final class ThrowawayKafkaBroker {

    private final Path dir;
    private final Path lib;
    private final int port;
    private final int controllerPort;
    private Process process;

    ThrowawayKafkaBroker() {
        this.lib = kafkaLib();
        try {
            this.dir = Files.createTempDirectory("paperstream-ingest-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = freePort();
        this.controllerPort = freePort();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Formats the storage (first time only), starts the broker, waits until it answers, creates the topic. */
    void start(String topic) {
        Path config = dir.resolve("server.properties");
        if (!Files.exists(config)) {
            write(config);
            run(List.of("kafka.tools.StorageTool", "format", "-t", "ingestOutageTestClusterA", "-c", config.toString(),
                    "--standalone"), dir.resolve("format.log"));
        }
        List<String> command = java(List.of("kafka.Kafka", config.toString()));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("throwaway Kafka broker on port " + port + " (log: " + dir.resolve("kafka.log") + ")")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> process.isAlive() && listening(port));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            if (!admin.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("throwaway Kafka broker did not create " + topic, e);
        }
    }

    /** Kills the broker as a crash would (SIGKILL): nothing is flushed or handed over. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !listening(port));
        }
    }

    /** Kills the broker and removes its data. */
    void destroy() {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }

    private void write(Path config) {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "");
        try {
            Files.writeString(config, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> args, Path log) {
        try {
            Process tool = new ProcessBuilder(java(args)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!tool.waitFor(90, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException("Kafka " + args.get(0) + " failed; see " + log + ":\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> java(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx384m");
        command.add("-cp");
        command.add(lib.toAbsolutePath() + "/*");
        command.addAll(args);
        return command;
    }

    private static Path kafkaLib() {
        String stackDir = System.getenv("PAPERSTREAM_STACK_DIR");
        Path stack = stackDir != null && !stackDir.isBlank() ? Path.of(stackDir)
                : Path.of("").toAbsolutePath().getParent().resolve("deploy/local/.stack");
        Path lib = stack.resolve("dist/kafka/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("The Kafka outage test runs a broker of its own from the local stack's"
                    + " Kafka distribution, which is missing at " + lib + ". Run ./deploy/local/stack infra first.");
        }
        return lib;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
