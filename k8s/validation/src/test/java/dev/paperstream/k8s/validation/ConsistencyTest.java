package dev.paperstream.k8s.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ConsistencyTest {

    private final ConsistencyChecker checker = ConsistencyChecker.forProject(Overlays.LAYOUT);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void manifestsMatchTheServicesCode(String overlay) {
        assertThat(checker.check(Overlays.rendered(overlay))).isEmpty();
    }

    @Test
    void derivesServicesAndTopicsFromTheReactor() {
        assertThat(Overlays.LAYOUT.services()).extracting(ServiceModule::name)
                .contains("ingest-service", "enrich-service", "query-service");
        assertThat(Overlays.LAYOUT.services()).flatExtracting(s -> s.topics())
                .contains("papers.listed", "papers.enriched", "papers.listed.dlq", "papers.enriched.dlq");
    }

    @Test
    void catchesAWrongEnvironmentKeyAWrongPortAndAWrongTopic() {
        Manifests manifests = Overlays.rendered("prod").copy();
        String queryConfig = manifests.get("Deployment", "query-service")
                .at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").asText();
        ((ObjectNode) manifests.get("ConfigMap", queryConfig).get("data"))
                .put("PAPERSTREAM_QUERY_INDEX_REPLICA", "2");
        ((ObjectNode) manifests.get("Deployment", "enrich-service")
                .at("/spec/template/spec/containers/0/ports/0")).put("containerPort", 8083);
        ((ObjectNode) manifests.get("KafkaTopic", "papers-enriched-dlq").get("spec"))
                .put("topicName", "papers.enriched.dead");

        assertThat(checker.check(manifests)).containsExactlyInAnyOrder(
                "query-service: env PAPERSTREAM_QUERY_INDEX_REPLICA is not read by the service (neither"
                        + " ${PAPERSTREAM_QUERY_INDEX_REPLICA} in application.properties nor the environment form"
                        + " of one of its keys)",
                "enrich-service: container port http is 8083, the service listens on 8082 (quarkus.http.port)",
                "KafkaTopic/papers-enriched-dlq: topic papers.enriched.dead is used by no service",
                "topic papers.enriched.dlq (used by query-service) has no KafkaTopic");
    }

    @Test
    void catchesAMissingCredentialAndAProbeOnTheWrongPath() {
        Manifests manifests = Overlays.rendered("dev").copy();
        ArrayNode env = (ArrayNode) manifests.get("Deployment", "ingest-service")
                .at("/spec/template/spec/containers/0/env");
        env.remove(1); // POSTGRES_PASSWORD
        ((ObjectNode) manifests.get("Deployment", "query-service")
                .at("/spec/template/spec/containers/0/readinessProbe/httpGet")).put("path", "/health/ready");

        assertThat(checker.check(manifests)).containsExactlyInAnyOrder(
                "ingest-service: env POSTGRES_PASSWORD is required (${POSTGRES_PASSWORD} in application.properties,"
                        + " prod profile) but not set",
                "ingest-service: quarkus.datasource.password must come from Secret key paperstream-db-app/password",
                "query-service: readinessProbe path is /health/ready, the service answers /q/health/ready");
    }

    @Test
    void catchesEgressToInfrastructureTheServiceDoesNotUse() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ArrayNode egress = (ArrayNode) manifests.get("NetworkPolicy", "enrich-service").at("/spec/egress");
        egress.add(manifests.get("NetworkPolicy", "query-service").at("/spec/egress/3").deepCopy());

        assertThat(checker.check(manifests)).singleElement().asString().matches(
                "enrich-service: NetworkPolicy egress reaches \\[dns, elasticsearch, .*], the service uses"
                        + " \\[(?!.*elasticsearch).*]");
    }

    @Test
    void catchesWebhookEgressThatReachesPrivateAddresses() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ArrayNode egress = (ArrayNode) manifests.get("NetworkPolicy", "query-service").at("/spec/egress");
        for (com.fasterxml.jackson.databind.JsonNode rule : egress) {
            for (com.fasterxml.jackson.databind.JsonNode peer : rule.path("to")) {
                if (peer.has("ipBlock")) {
                    ((ObjectNode) peer.get("ipBlock")).remove("except");
                }
            }
        }

        assertThat(checker.check(manifests)).singleElement().asString()
                .startsWith("query-service: NetworkPolicy/query-service allows egress to {\"ipBlock\"")
                .contains("without excepting");
    }

    @Test
    void catchesSpansSentWhereThePolicyDoesNotLetThemGo() {
        Manifests manifests = Overlays.rendered("prod").copy();
        String enrichConfig = manifests.get("Deployment", "enrich-service")
                .at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").asText();
        ((ObjectNode) manifests.get("ConfigMap", enrichConfig).get("data"))
                .put("PAPERSTREAM_TRACING_OTLP_ENDPOINT", "http://tempo.tracing:4318");

        assertThat(checker.check(manifests)).containsExactly("enrich-service: NetworkPolicy egress reaches [dns, kafka,"
                + " postgres, tracing:observability], the service uses [dns, kafka, postgres, tracing:tracing]");
    }

    @Test
    void catchesAnImageThatIsNotTheBuildsNameAndVersion() {
        Manifests manifests = Overlays.rendered("dev").copy();
        ((ObjectNode) manifests.get("Deployment", "ingest-service").at("/spec/template/spec/containers/0"))
                .put("image", "paperstream/ingest-service:latest");

        assertThat(checker.check(manifests)).containsExactly("ingest-service: image paperstream/ingest-service:latest"
                + " is not [registry/]paperstream/ingest-service:" + Overlays.LAYOUT.projectVersion()
                + " (artifactId:project version, or its release without -SNAPSHOT; @sha256:digest may follow or"
                + " replace the tag)");
    }

    @Test
    void catchesPoolsThatOutgrowPostgresAtTheAutoscalerMaximums() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ((ObjectNode) manifests.get("Cluster", "paperstream-db").at("/spec/postgresql/parameters"))
                .put("max_connections", "150");

        assertThat(checker.check(manifests)).singleElement().asString().isEqualTo("Cluster/paperstream-db: the"
                + " services may open 186 connections (ingest-service 7 pods x 8, enrich-service 13 pods x 6,"
                + " query-service 13 pods x 4, at the HPA maximums with rollout surge), more than the 147 PostgreSQL"
                + " allows them");
    }

    @Test
    void acceptsAnImagePinnedByDigest() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ((ObjectNode) manifests.get("Deployment", "ingest-service").at("/spec/template/spec/containers/0"))
                .put("image", "registry.example.com/paperstream/ingest-service@sha256:" + "ab12".repeat(16));

        assertThat(checker.check(manifests)).isEmpty();
    }

    @Test
    void refusesQueryServiceLoggingIntoElasticsearchAsTheSuperuser() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ArrayNode env = (ArrayNode) manifests.get("Deployment", "query-service")
                .at("/spec/template/spec/containers/0/env");
        for (com.fasterxml.jackson.databind.JsonNode variable : env) {
            if (variable.path("name").asText().equals("QUARKUS_ELASTICSEARCH_USERNAME")) {
                ((ObjectNode) variable).remove("valueFrom");
                ((ObjectNode) variable).put("value", "elastic");
            }
            if (variable.path("name").asText().equals("QUARKUS_ELASTICSEARCH_PASSWORD")) {
                ((ObjectNode) variable.at("/valueFrom/secretKeyRef")).put("name", "paperstream-es-elastic-user")
                        .put("key", "elastic");
            }
        }

        assertThat(checker.check(manifests)).singleElement().asString()
                .startsWith("query-service: ECK requires authentication, and not as the elastic superuser");
    }

    @Test
    void refusesASecretThatCarriesMoreThanRoleDefinitions() {
        Manifests manifests = Overlays.rendered("prod").copy();
        ((ObjectNode) manifests.get("Secret", "paperstream-es-roles").get("stringData")).put("password", "s3cret");

        assertThat(checker.check(manifests)).singleElement().asString()
                .startsWith("Secret/paperstream-es-roles: credentials must not be in the manifests");
    }
}
