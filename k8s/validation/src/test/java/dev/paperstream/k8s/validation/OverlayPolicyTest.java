package dev.paperstream.k8s.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** What each overlay promises: dev is small and in one namespace; prod is replicated, bounded and fenced. */
class OverlayPolicyTest {

    private static final List<String> SERVICES = List.of("ingest-service", "enrich-service", "query-service");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesRunHardenedWithRequestsAndLimits(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        for (String service : SERVICES) {
            JsonNode pod = manifests.get("Deployment", service).at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(service).isTrue();
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(service).isFalse();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(service).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(service)
                    .isFalse();
            assertThat(container.at("/securityContext/capabilities/drop").toString()).as(service)
                    .isEqualTo("[\"ALL\"]");
            assertThat(container.at("/volumeMounts/0/mountPath").asText()).as(service).isEqualTo("/tmp");
            assertThat(pod.at("/volumes/0/emptyDir").isObject()).as(service).isTrue();
            for (String resource : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
                assertThat(container.at("/resources" + resource).asText()).as(service + resource).isNotBlank();
            }
        }
    }

    @Test
    void devIsOneSmallNamespace() {
        Manifests manifests = Overlays.rendered("dev");

        assertThat(manifests.all()).filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
                .allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("paperstream-dev"));
        assertThat(manifests.ofKind("Deployment")).hasSize(3)
                .allSatisfy(d -> assertThat(d.at("/spec/replicas").asInt(1)).isEqualTo(1));
        assertThat(manifests.get("Cluster", "paperstream-db").at("/spec/enablePDB").asBoolean(true)).isFalse();
        assertThat(manifests.ofKind("KafkaNodePool").mapToInt(p -> p.at("/spec/replicas").asInt()).sum())
                .isEqualTo(1);
        assertThat(manifests.get("Elasticsearch", "paperstream").at("/spec/nodeSets/0/count").asInt()).isEqualTo(1);
        assertThat(manifests.get("Cluster", "paperstream-db").at("/spec/instances").asInt()).isEqualTo(1);
        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void leavesTheReplicasOfAutoscaledDeploymentsToTheirAutoscalers() {
        Manifests manifests = Overlays.rendered("prod");

        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).hasSize(3).allSatisfy(hpa -> assertThat(
                manifests.get("Deployment", hpa.at("/spec/scaleTargetRef/name").asText()).at("/spec/replicas")
                        .isMissingNode()).as(hpa.at("/metadata/name").asText()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void labelsTheNamespaceForThePodSecurityStandards(String overlay) {
        JsonNode labels = Overlays.rendered(overlay).ofKind("Namespace").findFirst().orElseThrow()
                .at("/metadata/labels");
        assertThat(labels.path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("baseline");
        assertThat(labels.path("pod-security.kubernetes.io/warn").asText()).isEqualTo("restricted");
    }

    @Test
    void spreadsKafkaAndElasticsearchNodesOnePerHostInProd() {
        Manifests manifests = Overlays.rendered("prod");

        assertThat(manifests.ofKind("KafkaNodePool")).hasSize(2).allSatisfy(pool -> assertThat(
                pool.at("/spec/template/pod/topologySpreadConstraints").toString())
                .contains("\"topologyKey\":\"kubernetes.io/hostname\",\"whenUnsatisfiable\":\"DoNotSchedule\""));
        assertThat(manifests.get("Elasticsearch", "paperstream")
                .at("/spec/nodeSets/0/podTemplate/spec/topologySpreadConstraints").toString())
                .contains("\"topologyKey\":\"kubernetes.io/hostname\",\"whenUnsatisfiable\":\"DoNotSchedule\"");
    }

    @Test
    void prodRunsAReleaseTagOrADigestNeverASnapshot() {
        Manifests manifests = Overlays.rendered("prod");
        for (String service : SERVICES) {
            String image = manifests.get("Deployment", service).at("/spec/template/spec/containers/0/image").asText();
            assertThat(image).as(service).doesNotContain("SNAPSHOT").doesNotEndWith(":latest")
                    .matches(".*(:[0-9]+\\.[0-9]+\\.[0-9]+|@sha256:[0-9a-f]{64})");
        }
    }

    @Test
    void letsTheApisInThroughAnIngressThatStreamsAndKeepsMetricsInside() {
        JsonNode ingress = Overlays.rendered("prod").get("Ingress", "paperstream");

        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-buffering").asText())
                .isEqualTo("off");
        assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-read-timeout").asInt())
                .isGreaterThanOrEqualTo(3600);
        List<String> routes = StreamSupport.stream(ingress.at("/spec/rules/0/http/paths").spliterator(), false)
                .map(p -> p.path("path").asText() + " " + p.at("/backend/service/name").asText()).toList();
        assertThat(routes).contains("/papers query-service", "/subscriptions query-service",
                "/listings ingest-service", "/authors enrich-service").noneMatch(r -> r.startsWith("/q"));
    }

    @Test
    void prodRunsThreeOfEachEngine() {
        Manifests manifests = Overlays.rendered("prod");

        assertThat(manifests.ofKind("KafkaNodePool").filter(p -> p.at("/spec/roles").toString().contains("broker"))
                .mapToInt(p -> p.at("/spec/replicas").asInt()).sum()).isEqualTo(3);
        assertThat(manifests.get("KafkaNodePool", "controller").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(manifests.get("Elasticsearch", "paperstream").at("/spec/nodeSets/0/count").asInt()).isEqualTo(3);
        assertThat(manifests.get("Cluster", "paperstream-db").at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(manifests.ofKind("KafkaTopic")).hasSize(4).allSatisfy(topic -> {
            assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(2);
        });
        assertThat(manifests.get("Kafka", "paperstream").at("/spec/kafka/config/min.insync.replicas").asInt())
                .isEqualTo(2);
    }

    @Test
    void prodServicesAreReplicatedAutoscaledBudgetedSpreadAndFenced() {
        Manifests manifests = Overlays.rendered("prod");
        for (String service : SERVICES) {
            JsonNode deployment = manifests.get("Deployment", service);
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            // Replicated by the autoscaler's minimum (the Deployment leaves replicas to it).
            assertThat(deployment.at("/spec/replicas").isMissingNode()).as(service).isTrue();
            assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints").size()).as(service)
                    .isGreaterThanOrEqualTo(1);
            JsonNode hpa = manifests.get("HorizontalPodAutoscaler", service);
            assertThat(hpa.at("/spec/minReplicas").asInt()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(hpa.at("/spec/maxReplicas").asInt()).as(service)
                    .isGreaterThan(hpa.at("/spec/minReplicas").asInt());
            assertThat(manifests.ofKind("PodDisruptionBudget")
                    .filter(p -> ConsistencyChecker.selects(p.at("/spec/selector"), podLabels))).as(service)
                    .hasSize(1);
            assertThat(manifests.ofKind("NetworkPolicy")
                    .filter(p -> ConsistencyChecker.selects(p.at("/spec/podSelector"), podLabels))).as(service)
                    .hasSize(1);
        }
        JsonNode peers = manifests.get("Kafka", "paperstream").at("/spec/kafka/listeners/0/networkPolicyPeers");
        assertThat(StreamSupport.stream(peers.spliterator(), false)).as("Kafka listener peers").isNotEmpty();
    }
}
