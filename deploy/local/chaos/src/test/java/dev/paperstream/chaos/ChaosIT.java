package dev.paperstream.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The short variant of {@code deploy/local/stack chaos}, in {@code mvn verify}: 3,000 papers through two
 * instances of each service on a stack of its own (ports +20000), while each service's first instance and the
 * Kafka broker are killed with SIGKILL and started again. The build fails when a paper is lost, stale,
 * resurrected or dead-lettered.
 */
class ChaosIT {

    private static final Path ROOT = Path.of(System.getProperty("paperstream.root", "../../..")).toAbsolutePath()
            .normalize();

    @Test
    void losesNoPaperWhenEachServiceAndTheBrokerAreKilledMidWorkload() throws Exception {
        Path report = ROOT.resolve("deploy/local/chaos/target/chaos/report.json");
        ChaosSettings settings = ChaosSettings.shortRun(ROOT, besideTheNormalStack(), report);

        ChaosReport outcome = new ChaosRun(settings).run();

        assertThat(outcome.faults()).as("faults injected and recovered from").hasSize(4);
        assertThat(outcome.workload().get("accepted")).as("listings accepted").isEqualTo(
                outcome.workload().get("listings"));
        assertThat(outcome.findings().lost()).as("lost papers").isEmpty();
        assertThat(outcome.findings().stale()).as("stale papers").isEmpty();
        assertThat(outcome.findings().resurrected()).as("resurrected ids").isEmpty();
        assertThat(outcome.findings().deadLettered()).as("dead-lettered valid papers").isEmpty();
        assertThat(outcome.views().get("postgresPapers")).as("papers in PostgreSQL").isEqualTo(3_000);
        assertThat(outcome.catchUpSeconds()).as("the views agreed").isNotNull();
        assertThat(report).exists();
    }

    /** A folder beside the normal stack's (so the service user can reach it), never inside it. */
    private static Path besideTheNormalStack() throws IOException {
        Path normal = ROOT.resolve("deploy/local/.stack");
        Path real = Files.exists(normal) ? normal.toRealPath() : normal;
        return real.resolveSibling(real.getFileName() + "-chaos-test");
    }
}
