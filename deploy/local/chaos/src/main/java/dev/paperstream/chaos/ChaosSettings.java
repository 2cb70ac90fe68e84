package dev.paperstream.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One chaos run's parameters. {@link #fromSystemProperties} reads what {@code deploy/local/stack chaos} passes
 * ({@code -Dpapers=20000} and the like, and the folders as {@code PAPERSTREAM_CHAOS_*} variables); {@link #shortRun}
 * is the variant {@code mvn verify} runs.
 *
 * @param root            the repository (the services' packaged jars, the stack script)
 * @param stackDir        the chaos stack's own folder (never the normal stack's)
 * @param sharedDist      the normal stack's {@code dist/} (Kafka's jars, the unpacked Elasticsearch), or null
 * @param portOffset      added to every infrastructure port, so this stack runs beside the normal one
 * @param report          where report.json goes
 * @param papers          distinct papers the workload lists
 * @param listingSize     papers per listing of new papers
 * @param listingInterval pause between two listings, so the workload spans the fault schedule
 * @param schedule        which faults
 * @param pause           how long a killed process stays down before it is started again
 * @param cut             how long a network cut lasts
 * @param gap             quiet time before each fault
 * @param settleTimeout   how long to wait, after the last fault and the last listing, for the views to agree
 */
public record ChaosSettings(Path root, Path stackDir, Path sharedDist, int portOffset, Path report, int papers,
        int listingSize, Duration listingInterval, FaultSchedule.Kind schedule, Duration pause, Duration cut,
        Duration gap, Duration settleTimeout) {

    /** The full run: 20,000 papers and every fault. */
    public static ChaosSettings fromSystemProperties() {
        Path root = Path.of(System.getProperty("paperstream.root", ".")).toAbsolutePath().normalize();
        Path mainStack = root.resolve("deploy/local/.stack");
        return new ChaosSettings(root,
                Path.of(env("PAPERSTREAM_CHAOS_STACK_DIR", mainStack + "-chaos")),
                sharedDist(env("PAPERSTREAM_CHAOS_SHARED_DIST", mainStack.resolve("dist").toString())),
                Integer.getInteger("port-offset", 10_000),
                Path.of(env("PAPERSTREAM_CHAOS_REPORT", mainStack.resolve("chaos/report.json").toString())),
                Integer.getInteger("papers", 20_000),
                Integer.getInteger("listing", 200),
                Duration.ofMillis(Long.getLong("listing-interval-ms", 900)),
                FaultSchedule.Kind.valueOf(System.getProperty("schedule", "full").toUpperCase(Locale.ROOT)),
                Duration.ofSeconds(Long.getLong("pause-seconds", 5)),
                Duration.ofSeconds(Long.getLong("cut-seconds", 30)),
                Duration.ofSeconds(Long.getLong("gap-seconds", 5)),
                Duration.ofSeconds(Long.getLong("settle-seconds", 300)));
    }

    /** A few thousand papers; a SIGKILL of each service and of the broker. */
    public static ChaosSettings shortRun(Path root, Path stackDir, Path report) {
        return new ChaosSettings(root, stackDir, sharedDist(root.resolve("deploy/local/.stack/dist").toString()),
                20_000, report, 3_000, 100, Duration.ofMillis(700), FaultSchedule.Kind.SHORT, Duration.ofSeconds(3),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(240));
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static Path sharedDist(String path) {
        Path dist = Path.of(path);
        return Files.isDirectory(dist) ? dist.toAbsolutePath() : null;
    }
}
