package dev.paperstream.k8s.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

class ManifestSchemaTest {

    private final SchemaValidator validator = new SchemaValidator();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectMatchesItsApiModel(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        assertThat(manifests.all()).hasSizeGreaterThan(15);
        assertThat(validator.validate(manifests)).isEmpty();
    }

    @Test
    void rejectsAMisspelledFieldInADeployment() {
        Manifests manifests = Overlays.rendered("dev").copy();
        container(manifests, "query-service").set("livenessprobe", container(manifests, "query-service")
                .get("livenessProbe").deepCopy());

        assertThat(validator.validate(manifests)).containsExactly(
                "Deployment/query-service.spec.template.spec.containers[0]: unknown field(s) [livenessprobe]");
    }

    @Test
    void rejectsANumberWhereKubernetesWantsAString() {
        Manifests manifests = Overlays.rendered("dev").copy();
        ObjectNode annotations = (ObjectNode) manifests.get("Deployment", "enrich-service")
                .at("/spec/template/metadata/annotations");
        annotations.set("prometheus.io/port", IntNode.valueOf(8082));

        assertThat(validator.validate(manifests)).singleElement().asString()
                .startsWith("Deployment/enrich-service: not a valid Deployment at")
                .contains("prometheus.io/port");
    }

    @Test
    void rejectsAStringWhereKubernetesWantsANumber() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ((ObjectNode) manifests.get("HorizontalPodAutoscaler", "query-service").get("spec"))
                .set("maxReplicas", TextNode.valueOf("12"));

        assertThat(validator.validate(manifests)).singleElement().asString()
                .startsWith("HorizontalPodAutoscaler/query-service: not a valid HorizontalPodAutoscaler at")
                .contains("maxReplicas");
    }

    @Test
    void rejectsUnknownFieldsAndValuesInStrimziResources() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ((ObjectNode) manifests.get("KafkaTopic", "papers-listed").get("spec")).put("partition", 12);
        ((ObjectNode) manifests.get("Kafka", "paperstream").at("/spec/kafka/listeners/0")).put("type", "internel");

        assertThat(validator.validate(manifests)).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).isEqualTo("KafkaTopic/papers-listed.spec: unknown field(s) [partition]"),
                p -> assertThat(p).isEqualTo("Kafka/paperstream.spec.kafka.listeners[0].type: value \"internel\" is not accepted"
                        + " (dropped by the model)"));
    }

    @Test
    void rejectsUnknownFieldsInElasticsearchAndPostgresClusters() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ((ObjectNode) manifests.get("Cluster", "paperstream-db").get("spec")).put("instance", 3);
        ((ObjectNode) manifests.get("Elasticsearch", "paperstream").at("/spec/nodeSets/0/podTemplate/spec"))
                .put("containerz", "x");

        assertThat(validator.validate(manifests)).containsExactlyInAnyOrder(
                "Cluster/paperstream-db.spec: unknown field(s) [instance]",
                "Elasticsearch/paperstream.spec.nodeSets[0].podTemplate.spec: unknown field(s) [containerz]");
    }

    @Test
    void rejectsAKindItHasNoSchemaFor() {
        Manifests manifests = Manifests.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

        assertThat(validator.validate(manifests))
                .containsExactly("Widget/w: no schema for example.com/v1/Widget (add its model to SchemaValidator)");
    }

    private static ObjectNode container(Manifests manifests, String deployment) {
        return (ObjectNode) manifests.get("Deployment", deployment).at("/spec/template/spec/containers/0");
    }
}
