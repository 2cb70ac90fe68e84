package dev.paperstream.query.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** An index of this mapping version created before a field was added gets it in place, against real Elasticsearch. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "elasticsearch", value = "true"),
        @ResourceArg(name = "postgres", value = "true") })
class PaperIndexMigrationTest {

    @Inject
    RestClient client;

    @Inject
    ObjectMapper json;

    @Test
    void addsTheRetirementFieldsToAnIndexCreatedBeforeThemSoThatRetirementsAreAccepted() throws IOException {
        PaperIndex index = new PaperIndex(client, json, "papers-migration-" + UUID.randomUUID(), 1, 0);
        try {
            ObjectNode before = index.mappings(false);
            ((ObjectNode) before.get("properties")).remove(List.of("retired", "supersededBy"));
            ObjectNode body = json.createObjectNode();
            body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
            body.set("mappings", before);
            body.putObject("aliases").putObject(index.alias());
            send("PUT", "/" + index.indexName(), body.toString());
            BulkAction.Retire retirement = index.retireAction("t-" + UUID.randomUUID(), 3, "2512.00004");
            assertThat(index.bulk(List.of(retirement), true).get(0).kind())
                    .as("the strict mapping refuses the marker before the migration")
                    .isEqualTo(BulkItemOutcome.Kind.REJECTED);

            index.ensureExists();

            JsonNode mapping = send("GET", "/" + index.indexName() + "/_mapping", null).path(index.indexName())
                    .path("mappings");
            assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
            assertThat(mapping.path("properties").path("retired").path("type").asText()).isEqualTo("boolean");
            assertThat(mapping.path("properties").path("supersededBy").path("type").asText()).isEqualTo("keyword");
            assertThat(index.bulk(List.of(retirement), true).get(0).kind()).isEqualTo(BulkItemOutcome.Kind.DONE);
            assertThat(index.get(retirement.id())).as("a retired id reads as absent").isEmpty();
        } finally {
            index.deleteIndex();
        }
    }

    private JsonNode send(String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        try (InputStream in = client.performRequest(request).getEntity().getContent()) {
            return json.readTree(in);
        }
    }
}
