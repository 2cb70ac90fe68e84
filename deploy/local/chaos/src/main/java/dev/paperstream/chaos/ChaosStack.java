package dev.paperstream.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.paperstream.testing.StackEndpoints;
import dev.paperstream.testing.StackLocator;

/**
 * Kafka, Elasticsearch and PostgreSQL of the chaos run: a second local stack in its own folder and on its own
 * ports, run by {@code deploy/local/stack} itself, so that killing its processes never touches the normal stack.
 */
final class ChaosStack {

    /** An infrastructure process the schedule kills. */
    enum Component {
        KAFKA("kafka"), ELASTICSEARCH("elasticsearch"), POSTGRES("postgres");

        final String label;

        Component(String label) {
            this.label = label;
        }
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(6);

    private final Path script;
    private final Path dir;
    private final Path sharedDist;
    private final int portOffset;
    private final Path log;

    /** The chaos stack's endpoints, and the broker's proxied listener: where it listens and what it advertises. */
    record Endpoints(StackEndpoints stack, String kafkaProxiedTarget, String kafkaProxiedAddress) {
    }

    ChaosStack(ChaosSettings settings) {
        this.script = settings.root().resolve("deploy/local/stack");
        this.dir = settings.stackDir().toAbsolutePath();
        this.sharedDist = settings.sharedDist();
        this.portOffset = settings.portOffset();
        this.log = dir.resolveSibling(dir.getFileName() + "-commands.log");
    }

    Path dir() {
        return dir;
    }

    /** Where the output of the script's commands goes (beside the folder: {@code reset} wipes the folder). */
    Path commandLog() {
        return log;
    }

    Path logs() {
        return dir.resolve("logs");
    }

    /** Wipes the previous run's data (never the shared downloads), then starts the infrastructure. */
    Endpoints startFresh() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.deleteIfExists(log);
        run("reset");
        Path dist = dir.resolve("dist");
        if (sharedDist != null && !Files.exists(dist, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(dist, sharedDist); // the normal stack's Kafka jars and unpacked Elasticsearch
        }
        run("infra");
        return endpoints();
    }

    /** Starts whatever is not running (the stack's {@code infra} is idempotent); retried, as a restart can race. */
    void restart() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                run("infra");
                return;
            } catch (IOException failed) {
                last = failed;
                Thread.sleep(3_000L * attempt);
            }
        }
        throw last;
    }

    /** SIGKILL of the component's process and its children, as a crash or an OOM kill would do. */
    void kill(Component component) throws IOException, InterruptedException {
        ProcessHandle process = pid(component).flatMap(ProcessHandle::of)
                .orElseThrow(() -> new IllegalStateException(component.label + " is not running"));
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(0, process);
        family.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (family.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    void stop() throws IOException, InterruptedException {
        run("down");
    }

    private Optional<Long> pid(Component component) throws IOException {
        Path file = switch (component) {
            case KAFKA -> dir.resolve("run/kafka.pid");
            case ELASTICSEARCH -> dir.resolve("elasticsearch/elasticsearch.pid");
            case POSTGRES -> dir.resolve("postgres/data/postmaster.pid");
        };
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
        return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
    }

    private Endpoints endpoints() throws IOException {
        Map<String, String> lines = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("endpoints.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                lines.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Endpoints(StackLocator.fromEnvironment(lines), lines.get("PAPERSTREAM_KAFKA_PROXIED_TARGET"),
                lines.get("PAPERSTREAM_KAFKA_PROXIED_ADDRESS"));
    }

    private void run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("PAPERSTREAM_STACK_DIR", dir.toString());
        env.put("PAPERSTREAM_PORT_OFFSET", Integer.toString(portOffset));
        env.put("PAPERSTREAM_KAFKA_PROXIED", "1");
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("'stack " + command + "' for the chaos stack took over " + COMMAND_TIMEOUT
                    + " (read " + log + ")");
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException("'stack " + command + "' for the chaos stack failed (exit " + process.exitValue()
                    + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
    }
}
