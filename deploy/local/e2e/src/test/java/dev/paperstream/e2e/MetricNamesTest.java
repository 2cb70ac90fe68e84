package dev.paperstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    private static final String SCRAPE = """
            # HELP paperstream_outbox_pending Events waiting in the outbox
            # TYPE paperstream_outbox_pending gauge
            paperstream_outbox_pending 3.0
            http_server_requests_seconds_count{method="POST",status="202",uri="/listings"} 12.0
            """;

    @Test
    void readsMetricNamesButNotFunctionsLabelsStringsOrDurations() {
        assertThat(MetricNames.used("sum by (namespace, pod) (rate(http_server_requests_seconds_count"
                + "{uri=\"/listings\",status=\"503\"}[5m])) > 0 or max(paperstream_outbox_pending) > 5000"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_count", "paperstream_outbox_pending");
        assertThat(MetricNames.exported(SCRAPE))
                .containsExactlyInAnyOrder("paperstream_outbox_pending", "http_server_requests_seconds_count");
    }

    @Test
    void reportsAnAlertOnAMetricNoServiceExports() {
        Map<String, String> expressions = Map.of(
                "alert Fine", "max(paperstream_outbox_pending) > 5000",
                "alert Typo", "max(paperstream_outbox_pendin) > 5000",
                "alert Cluster", "sum(kube_deployment_status_replicas_unavailable) > 0 or up == 0");
        assertThat(MetricNames.missing(expressions, MetricNames.exported(SCRAPE)))
                .containsExactly("alert Typo: paperstream_outbox_pendin");
    }

    @Test
    void findsEveryAlertAndPanelOfTheMonitoringManifests() {
        Path monitoring = Path.of(System.getProperty("paperstream.root", "../../..")).toAbsolutePath()
                .resolve("k8s/overlays/prod/monitoring");
        Map<String, String> expressions = MetricNames.expressions(monitoring);
        assertThat(expressions.keySet().stream().filter(k -> k.startsWith("alert "))).hasSize(10);
        assertThat(expressions.keySet().stream().filter(k -> k.startsWith("panel "))).hasSizeGreaterThan(10);
        assertThat(expressions.values()).allSatisfy(e -> assertThat(MetricNames.used(e)).isNotEmpty());
        assertThat(MetricNames.used(expressions.get("alert PaperstreamOutboxStale")))
                .isEqualTo(Set.of("paperstream_outbox_oldest_age_seconds"));
    }
}
