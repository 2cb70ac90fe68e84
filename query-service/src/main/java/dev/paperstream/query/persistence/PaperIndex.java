package dev.paperstream.query.persistence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import dev.paperstream.query.domain.PaperVector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The papers index in Elasticsearch: an explicit, versioned mapping ({@code papers-v1}) behind the alias
 * {@code papers}, created when missing. Writes carry the per-paper version as an external version, so an
 * older event never overwrites a newer one (an equal one does, for replays). A retired id keeps a marker
 * document ({@code retired: true}) that every read leaves out. Talks JSON over the low-level client, so that
 * bulk bodies are serialized once and their size is known.
 */
@ApplicationScoped
public class PaperIndex {

    private static final Logger LOG = Logger.getLogger(PaperIndex.class);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);
    /** The boolean field that marks a retired id's marker document. */
    public static final String RETIRED = "retired";
    /** The dense_vector field of a paper's embedding, and the keyword naming the model that computed it. */
    public static final String EMBEDDING = "embedding";
    public static final String EMBEDDING_MODEL = "embeddingModel";
    /** When the vector was computed (a walk's candidates are the vectors older than its start). */
    public static final String EMBEDDED_AT = "embeddedAt";
    static final String TEXT_HASH = "textHash";
    /** Tags a paper's vector earned by meaning; also in {@code tags}, where facets and filters see them. */
    public static final String TAGS_BY_SIMILARITY = "tagsBySimilarity";
    private static final String TAGS = "tags";

    private final RestClient client;
    private final ObjectMapper json;
    private final String alias;
    private final int mappingVersion;
    private final int replicas;

    @Inject
    public PaperIndex(RestClient client, ObjectMapper json, QueryConfig config) {
        this(client, json, config.index().alias(), config.index().mappingVersion(), config.index().replicas());
    }

    /** For tools outside the container (the benchmark). */
    public PaperIndex(RestClient client, ObjectMapper json, String alias, int mappingVersion, int replicas) {
        this.client = client;
        this.json = json;
        this.alias = alias;
        this.mappingVersion = mappingVersion;
        this.replicas = replicas;
    }

    /** The alias readers and writers use. */
    public String alias() {
        return alias;
    }

    /** The concrete index behind the alias. */
    public String indexName() {
        return alias + "-v" + mappingVersion;
    }

    /** The mapper that serializes documents. */
    public ObjectMapper json() {
        return json;
    }

    /**
     * Creates the versioned index with its alias unless the alias already exists; an existing index of this mapping
     * version gets the bundled mapping's fields it lacks. Safe to race.
     */
    public void ensureExists() throws IOException {
        if (aliasExists()) {
            addMissingFields();
            return;
        }
        boolean english = hasAnalysisCommon();
        ObjectNode body = json.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", replicas);
        body.set("mappings", mappings(english));
        body.putObject("aliases").putObject(alias);
        try {
            send("PUT", "/" + indexName(), json.writeValueAsBytes(body));
            LOG.infof("Created index %s behind alias %s (%s analysis)", indexName(), alias,
                    english ? "english" : "standard");
        } catch (ResponseException e) {
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw e;
            }
        }
    }

    /**
     * Adds the top-level fields of the bundled mapping that the existing index lacks (e.g. {@code retired} and
     * {@code supersededBy} on a {@code papers-v1} created before retirements). Only additions, which Elasticsearch
     * applies in place; a changed field needs a new mapping version and a reindex. On failure the index stays as it
     * is: its strict mapping then refuses the documents that need the new fields, which go to the dead-letter topic.
     */
    private void addMissingFields() throws IOException {
        JsonNode existing;
        try {
            existing = getJson("/" + indexName() + "/_mapping").path(indexName()).path("mappings")
                    .path("properties");
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return; // the alias points at another mapping version's index: that version's build migrates it
            }
            throw e;
        }
        JsonNode bundled = mappings(false).get("properties");
        ObjectNode missing = json.createObjectNode();
        List<String> names = new ArrayList<>();
        bundled.fieldNames().forEachRemaining(name -> {
            if (!existing.has(name)) {
                missing.set(name, bundled.get(name));
                names.add(name);
            }
        });
        if (names.isEmpty()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.set("properties", missing);
        try {
            send("PUT", "/" + indexName() + "/_mapping", json.writeValueAsBytes(body));
            LOG.infof("Added fields %s to the mapping of index %s", names, indexName());
        } catch (ResponseException e) {
            LOG.errorf("Could not add fields to the mapping of index %s: %s", indexName(), e.getMessage());
        }
    }

    /** Deletes the concrete index and with it the alias (benchmark clean-up). */
    public void deleteIndex() throws IOException {
        try {
            send("DELETE", "/" + indexName(), null);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    /** Makes recent writes visible to search (tests and the benchmark; the index refreshes every second). */
    public void refresh() throws IOException {
        send("POST", "/" + alias + "/_refresh", null);
    }

    /**
     * The bundled mapping of this version; with {@code english}, {@code title} and {@code summary} get an
     * {@code english} sub-field (stemming, stop words) that the query searches beside the standard one.
     */
    public ObjectNode mappings(boolean english) throws IOException {
        String resource = "elasticsearch/papers-v" + mappingVersion + "-mappings.json";
        try (InputStream in = PaperIndex.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(resource + " is missing from the classpath"));
            }
            ObjectNode mappings = (ObjectNode) json.readTree(in);
            if (english) {
                for (String field : List.of("title", "summary")) {
                    ObjectNode properties = (ObjectNode) mappings.get("properties").get(field);
                    ObjectNode fields = properties.has("fields") ? (ObjectNode) properties.get("fields")
                            : properties.putObject("fields");
                    fields.putObject("english").put("type", "text").put("analyzer", "english");
                }
            }
            return mappings;
        }
    }

    /** Whether the cluster's nodes run the analysis-common module (the english analyzer); the minimal ES does not. */
    public boolean hasAnalysisCommon() throws IOException {
        JsonNode nodes = getJson("/_nodes/plugins?filter_path=nodes.*.modules.name").path("nodes");
        if (!nodes.fieldNames().hasNext()) {
            return false;
        }
        for (JsonNode node : nodes) {
            boolean found = false;
            for (JsonNode module : node.path("modules")) {
                found |= "analysis-common".equals(module.path("name").asText());
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Serializes a document for a bulk request. */
    public BulkAction.Index indexAction(PaperDocument document) {
        return indexAction(document, null);
    }

    /**
     * Serializes a document with its vector for a bulk request; the vector only when it was computed from this
     * document's text (same {@code textHash}), so that a vector never outlives the text it belongs to.
     */
    public BulkAction.Index indexAction(PaperDocument document, PaperVector vector) {
        ObjectNode source = json.valueToTree(document);
        return vectorAction(document.id(), document.version(), source,
                vector != null && vector.textHash().equals(document.textHash()) ? vector : null);
    }

    /** A stored document's source with a vector added, to write back at the version it was read at. */
    public BulkAction.Index vectorAction(String id, long version, ObjectNode source, PaperVector vector) {
        if (vector != null) {
            addVector(source, vector);
        }
        return rewriteAction(id, version, source);
    }

    /**
     * Puts a vector, its model, text hash and time into a paper's source, and the tags it earned by meaning in
     * place of those an earlier vector earned.
     */
    public void addVector(ObjectNode source, PaperVector vector) {
        source.put(TEXT_HASH, vector.textHash()).put(EMBEDDING_MODEL, vector.model())
                .put(EMBEDDED_AT, vector.embeddedAt().toString());
        ArrayNode values = source.putArray(EMBEDDING);
        for (float value : vector.values()) {
            values.add(value);
        }
        List<String> tags = ruleTags(source);
        vector.tags().stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
        source.set(TAGS, json.valueToTree(tags));
        source.set(TAGS_BY_SIMILARITY, json.valueToTree(vector.tags()));
    }

    /** A stored paper's tags from the keyword rules: its tags without those its vector earned by meaning. */
    public static List<String> ruleTags(ObjectNode source) {
        Set<String> bySimilarity = new HashSet<>();
        source.path(TAGS_BY_SIMILARITY).forEach(tag -> bySimilarity.add(tag.asText()));
        List<String> tags = new ArrayList<>();
        source.path(TAGS).forEach(tag -> {
            if (!bySimilarity.contains(tag.asText())) {
                tags.add(tag.asText());
            }
        });
        return tags;
    }

    /**
     * Writes back the sources that a background job (vectors, re-scored gains) changed, each at the version it was
     * read at ({@code external_gte}: a newer version written meanwhile refuses it), leaving out the papers written
     * since they were read (their {@code _seq_no} moved), which the job's next round reads again. One outcome per
     * paper, in order; empty for a paper left out.
     */
    public List<Optional<BulkItemOutcome>> rewrite(List<StoredPaper> papers) throws IOException {
        Map<String, Long> current = seqNos(papers.stream().map(StoredPaper::id).toList());
        List<BulkAction> actions = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < papers.size(); i++) {
            StoredPaper paper = papers.get(i);
            if (Long.valueOf(paper.seqNo()).equals(current.get(paper.id()))) {
                actions.add(rewriteAction(paper.id(), paper.version(), paper.source()));
                positions.add(i);
            }
        }
        List<Optional<BulkItemOutcome>> outcomes = new ArrayList<>(Collections.nCopies(papers.size(),
                Optional.<BulkItemOutcome>empty()));
        if (!actions.isEmpty()) {
            List<BulkItemOutcome> written = bulk(actions, true);
            for (int i = 0; i < written.size(); i++) {
                outcomes.set(positions.get(i), Optional.of(written.get(i)));
            }
        }
        return outcomes;
    }

    private BulkAction.Index rewriteAction(String id, long version, ObjectNode source) {
        try {
            return new BulkAction.Index(id, version, json.writeValueAsBytes(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stored vectors of some papers, by id: only papers that have one, with the model and text hash it was
     * computed with (Elasticsearch leaves vectors out of {@code _source} unless asked). Read as of the last refresh
     * ({@code realtime=false}): real-time reads of 1,000 just-written papers per bulk cut pipeline indexing from 93%
     * to 75% of a raw bulk load; a vector written in the last second is missed at worst, and the sweep restores it.
     */
    public Map<String, PaperVector> storedVectors(Collection<String> ids) throws IOException {
        Map<String, PaperVector> vectors = new HashMap<>();
        if (ids.isEmpty()) {
            return vectors;
        }
        ObjectNode body = json.createObjectNode();
        body.set("ids", json.valueToTree(ids));
        JsonNode response = send("POST", "/" + alias + "/_mget?realtime=false&_source_exclude_vectors=false&_source_includes="
                + String.join(",", TEXT_HASH, EMBEDDING_MODEL, EMBEDDED_AT, EMBEDDING, TAGS_BY_SIMILARITY),
                json.writeValueAsBytes(body));
        for (JsonNode doc : response.path("docs")) {
            JsonNode source = doc.path("_source");
            JsonNode values = source.path(EMBEDDING);
            if (values.isArray() && source.path(TEXT_HASH).isTextual() && source.path(EMBEDDING_MODEL).isTextual()) {
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) values.get(i).asDouble();
                }
                // Vectors from before embeddedAt existed count as computed long ago.
                Instant embeddedAt = source.path(EMBEDDED_AT).isTextual()
                        ? Instant.parse(source.get(EMBEDDED_AT).asText()) : Instant.EPOCH;
                List<String> tags = new ArrayList<>();
                source.path(TAGS_BY_SIMILARITY).forEach(tag -> tags.add(tag.asText()));
                vectors.put(doc.path("_id").asText(), new PaperVector(source.get(EMBEDDING_MODEL).asText(),
                        source.get(TEXT_HASH).asText(), vector, embeddedAt, tags));
            }
        }
        return vectors;
    }

    /**
     * A stored paper as a background job reads it.
     *
     * @param id      paper id
     * @param version external version it was read at
     * @param seqNo   sequence number it was read at: any later write changes it
     * @param source  the stored source
     */
    public record StoredPaper(String id, long version, long seqNo, ObjectNode source) {
    }

    /** Up to {@code size} papers without a vector of this model, most recently updated first (no vectors read). */
    public List<StoredPaper> unembedded(String model, int size, Collection<String> skip) throws IOException {
        ObjectNode query = json.createObjectNode();
        ArrayNode mustNot = query.putObject("bool").putArray("must_not");
        mustNot.addObject().putObject("term").put(EMBEDDING_MODEL, model);
        mustNot.addObject().putObject("term").put(RETIRED, true);
        if (!skip.isEmpty()) {
            mustNot.addObject().putObject("ids").set("values", json.valueToTree(skip));
        }
        return storedPapers(query, "updatedAt", "desc", size, false);
    }

    /**
     * Up to {@code size} papers whose trending gains change at or before {@code now}, earliest first, with their
     * vectors (a rewrite must keep them).
     */
    public List<StoredPaper> gainsDue(Instant now, int size) throws IOException {
        ObjectNode query = json.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("filter").addObject().putObject("range").putObject("gainsChangeAt")
                .put("lte", now.toString());
        bool.putArray("must_not").addObject().putObject("term").put(RETIRED, true);
        return storedPapers(query, "gainsChangeAt", "asc", size, true);
    }

    private List<StoredPaper> storedPapers(ObjectNode query, String sortField, String order, int size,
            boolean vectors) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("size", size).put("version", true).put("seq_no_primary_term", true).put("track_total_hits", false);
        body.set("query", query);
        body.putObject("_source").put("exclude_vectors", !vectors);
        body.putArray("sort").addObject().putObject(sortField).put("order", order).put("missing", "_last");
        List<StoredPaper> papers = new ArrayList<>();
        for (JsonNode hit : search(body).path("hits").path("hits")) {
            papers.add(new StoredPaper(hit.path("_id").asText(), hit.path("_version").asLong(),
                    hit.path("_seq_no").asLong(), (ObjectNode) hit.path("_source")));
        }
        return papers;
    }

    /** How many papers lack a vector of this model. */
    public long countUnembedded(String model) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode mustNot = body.putObject("query").putObject("bool").putArray("must_not");
        mustNot.addObject().putObject("term").put(EMBEDDING_MODEL, model);
        mustNot.addObject().putObject("term").put(RETIRED, true);
        return send("POST", "/" + alias + "/_count", json.writeValueAsBytes(body)).path("count").asLong();
    }

    /** The current sequence number of each paper (real-time), by id; absent papers are left out. */
    private Map<String, Long> seqNos(Collection<String> ids) throws IOException {
        Map<String, Long> seqNos = new HashMap<>();
        if (ids.isEmpty()) {
            return seqNos;
        }
        ObjectNode body = json.createObjectNode();
        body.set("ids", json.valueToTree(ids));
        JsonNode response = send("POST", "/" + alias + "/_mget?_source=false", json.writeValueAsBytes(body));
        for (JsonNode doc : response.path("docs")) {
            if (doc.path("found").asBoolean()) {
                seqNos.put(doc.path("_id").asText(), doc.path("_seq_no").asLong());
            }
        }
        return seqNos;
    }

    /**
     * The marker that replaces a retired paper: its id, {@code retired: true}, the tombstone's version and the id
     * that replaces it. It has none of the searched, sorted or completed fields.
     */
    public BulkAction.Retire retireAction(String id, long version, String supersededBy) {
        ObjectNode marker = json.createObjectNode();
        marker.put("id", id).put(RETIRED, true).put("version", version);
        if (supersededBy != null) {
            marker.put("supersededBy", supersededBy);
        }
        try {
            return new BulkAction.Retire(id, version, json.writeValueAsBytes(marker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the actions as one bulk request, index operations with external versions. Returns one outcome per
     * action, in order; throws when the request as a whole got no answer or was refused.
     */
    public List<BulkItemOutcome> bulk(List<? extends BulkAction> actions, boolean externalVersions)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(
                actions.stream().mapToInt(BulkAction::sizeInBytes).sum());
        for (BulkAction action : actions) {
            ObjectNode line = json.createObjectNode();
            if (action instanceof BulkAction.Index index) {
                ObjectNode meta = line.putObject("index").put("_id", index.id());
                if (externalVersions) {
                    // external_gte: an equal version overwrites, so a replay after a taxonomy change (same paper
                    // version, new enrichment) updates the tags; an older version is still refused with 409.
                    meta.put("version", index.version()).put("version_type", "external_gte");
                }
                body.write(json.writeValueAsBytes(line));
                body.write('\n');
                body.write(index.document());
            } else if (action instanceof BulkAction.Retire retire) {
                ObjectNode meta = line.putObject("index").put("_id", retire.id());
                if (externalVersions) {
                    // One above the tombstone's version: index operations use external_gte, so the marker must sit
                    // above the tombstone's own version for an index at that version (a fork the contract rules
                    // out) to be refused as well. A retried tombstone (same version) rewrites the same marker.
                    meta.put("version", retire.version() + 1).put("version_type", "external_gte");
                }
                body.write(json.writeValueAsBytes(line));
                body.write('\n');
                body.write(retire.marker());
            } else {
                line.putObject("delete").put("_id", action.id());
                body.write(json.writeValueAsBytes(line));
            }
            body.write('\n');
        }
        Request request = new Request("POST", "/" + alias + "/_bulk");
        request.addParameter("filter_path", "items.*.status,items.*.error.type,items.*.error.reason");
        request.setEntity(new ByteArrayEntity(body.toByteArray(), NDJSON));
        JsonNode items = read(client.performRequest(request)).path("items");
        if (items.size() != actions.size()) {
            throw new IOException("bulk answered " + items.size() + " items for " + actions.size() + " actions");
        }
        List<BulkItemOutcome> outcomes = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            JsonNode item = items.get(i).elements().next();
            JsonNode error = item.path("error");
            String reason = error.isMissingNode() ? null
                    : error.path("type").asText() + ": " + error.path("reason").asText();
            outcomes.add(BulkItemOutcome.of(item.path("status").asInt(), actions.get(i) instanceof BulkAction.Delete,
                    reason));
        }
        return outcomes;
    }

    /** A paper by id (real-time: sees writes before a refresh); empty for a retired id. */
    public Optional<PaperDocument> get(String id) throws IOException {
        try {
            JsonNode response = getJson("/" + alias + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                    + "?_source_excludes=suggest," + EMBEDDING_MODEL);
            return response.path("found").asBoolean() && !response.path("_source").path(RETIRED).asBoolean()
                    ? Optional.of(json.treeToValue(response.get("_source"), PaperDocument.class)) : Optional.empty();
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Runs a search request body against the alias and returns Elasticsearch's answer. */
    public JsonNode search(ObjectNode body) throws IOException {
        return send("POST", "/" + alias + "/_search", json.writeValueAsBytes(body));
    }

    /**
     * Runs several search bodies in one round trip ({@code _msearch}); the answers in order. A search that failed
     * throws, as a single search would.
     */
    public List<JsonNode> searchAll(List<ObjectNode> bodies) throws IOException {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        for (ObjectNode body : bodies) {
            ndjson.write("{}\n".getBytes(StandardCharsets.UTF_8));
            ndjson.write(json.writeValueAsBytes(body));
            ndjson.write('\n');
        }
        Request request = new Request("POST", "/" + alias + "/_msearch");
        request.setEntity(new ByteArrayEntity(ndjson.toByteArray(), NDJSON));
        List<JsonNode> answers = new ArrayList<>();
        for (JsonNode answer : read(client.performRequest(request)).path("responses")) {
            if (answer.has("error")) {
                throw new IOException("search failed (" + answer.path("status").asInt() + "): "
                        + answer.path("error").path("reason").asText(answer.path("error").toString()));
            }
            answers.add(answer);
        }
        return answers;
    }

    /** Reads a search hit's source as a document. */
    public PaperDocument document(JsonNode source) throws IOException {
        return json.treeToValue(source, PaperDocument.class);
    }

    private boolean aliasExists() throws IOException {
        Request request = new Request("HEAD", "/_alias/" + alias);
        return client.performRequest(request).getStatusLine().getStatusCode() == 200;
    }

    private JsonNode getJson(String path) throws IOException {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, byte[] body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        }
        return read(client.performRequest(request));
    }

    private JsonNode read(Response response) throws IOException {
        if (response.getEntity() == null) {
            return json.createObjectNode();
        }
        try (InputStream in = response.getEntity().getContent()) {
            return json.readTree(in);
        }
    }
}
