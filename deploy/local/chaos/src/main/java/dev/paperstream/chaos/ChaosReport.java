package dev.paperstream.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A chaos run's outcome: the workload, the faults with their times, the three views and the findings. Printed
 * as a table and written as {@code report.json}.
 *
 * @param catchUpSeconds seconds from the end of the last fault until the views agreed; null when they never did
 */
record ChaosReport(Instant startedAt, double seconds, Map<String, Object> settings, Map<String, Object> workload,
        List<FaultRecord> faults, Map<String, Object> views, Findings findings, int listedRedeliveries,
        int enrichedRedeliveries, int outboxParked, Double catchUpSeconds) {

    /** One injected fault: when it started and when the system had it behind it (restarted, reconnected). */
    record FaultRecord(String fault, double atSecond, double recoveredAtSecond) {
    }

    boolean passed() {
        return findings.passed();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nfaults (seconds since the start of the run)%n"));
        out.append(String.format(Locale.ROOT, "  %7s %9s  %s%n", "at", "recovered", "fault"));
        for (FaultRecord fault : faults) {
            out.append(String.format(Locale.ROOT, "  %7.1f %9.1f  %s%n", fault.atSecond(), fault.recoveredAtSecond(),
                    fault.fault()));
        }
        out.append(String.format(Locale.ROOT, "%n| check | count | meaning |%n| --- | ---: | --- |%n"));
        row(out, "lost", findings.lost().size(), "accepted by ingest, not searchable");
        row(out, "stale", findings.stale().size(), "searchable with an older version than PostgreSQL's");
        row(out, "resurrected", findings.resurrected().size(), "retired ids still searchable");
        row(out, "dead-lettered valid papers", findings.deadLettered().size(), "on papers.listed.dlq or papers.enriched.dlq");
        row(out, "not enriched", findings.notEnriched().size(), "current version missing from papers.enriched (explains lost/stale)");
        row(out, "outbox rows parked", outboxParked, "refused by Kafka for good");
        row(out, "redelivered on papers.listed", listedRedeliveries, "allowed: at-least-once");
        row(out, "redelivered on papers.enriched", enrichedRedeliveries, "allowed: at-least-once");
        out.append(String.format(Locale.ROOT, "| catch-up after the last fault | %s | until the three views agreed |%n",
                catchUpSeconds == null ? "never" : String.format(Locale.ROOT, "%.1f s", catchUpSeconds)));
        out.append(String.format(Locale.ROOT, "%n%s: %s in %.0f s%n", passed() ? "PASSED" : "FAILED", workload,
                seconds));
        return out.toString();
    }

    private static void row(StringBuilder out, String check, int count, String meaning) {
        out.append(String.format(Locale.ROOT, "| %s | %,d | %s |%n", check, count, meaning));
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", startedAt.toString());
        json.put("seconds", Math.round(seconds * 10) / 10.0);
        json.put("passed", passed());
        json.put("settings", settings);
        json.put("workload", workload);
        json.put("faults", faults);
        json.put("views", views);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("lost", findings.lost().size());
        counts.put("stale", findings.stale().size());
        counts.put("resurrected", findings.resurrected().size());
        counts.put("deadLetteredValid", findings.deadLettered().size());
        counts.put("notEnriched", findings.notEnriched().size());
        counts.put("outboxParked", outboxParked);
        counts.put("redeliveredListed", listedRedeliveries);
        counts.put("redeliveredEnriched", enrichedRedeliveries);
        json.put("counts", counts);
        json.put("catchUpSeconds", catchUpSeconds);
        Map<String, Object> examples = new LinkedHashMap<>();
        examples.put("lost", Findings.examples(findings.lost()));
        examples.put("stale", Findings.examples(findings.stale()));
        examples.put("resurrected", Findings.examples(findings.resurrected()));
        examples.put("deadLettered", Findings.examples(findings.deadLettered()));
        json.put("examples", examples);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
