package dev.paperstream.query.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.domain.PaperDocument;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The papers index in Elasticsearch: an explicit, versioned mapping ({@code papers-v1}) behind the alias
 * {@code papers}, created when missing. Writes carry the per-paper version as an external version, so an
 * older event never overwrites a newer one.
 */
@ApplicationScoped
public class PaperIndex {

    private static final Logger LOG = Logger.getLogger(PaperIndex.class);
    /** Fields searched by {@code q}, title boosted. */
    private static final List<String> SEARCH_FIELDS = List.of("title^3", "summary", "tags", "organization.text",
            "authors.text");

    /** What happened to a write. */
    public enum WriteOutcome {
        WRITTEN,
        /** The index already holds this paper at the same or a newer version. */
        STALE
    }

    /**
     * One page of hits.
     *
     * @param total exact number of matching papers
     * @param hits  the papers on this page
     */
    public record Page(long total, List<PaperDocument> hits) {
    }

    private final ElasticsearchClient client;
    private final QueryConfig.Index config;

    public PaperIndex(ElasticsearchClient client, QueryConfig config) {
        this.client = client;
        this.config = config.index();
    }

    /** The concrete index behind the alias. */
    public String indexName() {
        return config.alias() + "-v" + config.mappingVersion();
    }

    /** Creates the versioned index with its alias unless the alias already exists. Safe to race. */
    public void ensureExists() throws IOException {
        if (client.indices().existsAlias(a -> a.name(config.alias())).value()) {
            return;
        }
        String index = indexName();
        String resource = "elasticsearch/papers-v" + config.mappingVersion() + "-mappings.json";
        try (InputStream mappings = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (mappings == null) {
                throw new UncheckedIOException(new IOException(resource + " is missing from the classpath"));
            }
            client.indices().create(c -> c.index(index)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas(String.valueOf(config.replicas())))
                    .mappings(TypeMapping.of(m -> m.withJson(mappings)))
                    .aliases(config.alias(), a -> a));
            LOG.infof("Created index %s behind alias %s", index, config.alias());
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    /** Writes a paper unless the index already has it at this or a newer version. */
    public WriteOutcome write(PaperDocument document) throws IOException {
        try {
            client.index(i -> i.index(config.alias())
                    .id(document.id())
                    .version(document.version())
                    .versionType(VersionType.External)
                    .document(document));
            return WriteOutcome.WRITTEN;
        } catch (ElasticsearchException | IOException e) {
            if (ElasticsearchStatus.of(e).orElse(0) == 409) {
                return WriteOutcome.STALE;
            }
            throw e;
        }
    }

    /** A paper by id. */
    public Optional<PaperDocument> get(String id) throws IOException {
        GetResponse<PaperDocument> response = client.get(g -> g.index(config.alias()).id(id), PaperDocument.class);
        return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    }

    /** Full-text search over title (boosted), summary, tags, organization and authors; all papers without text. */
    public Page search(Optional<String> text, int size) throws IOException {
        Query query = text
                .map(q -> Query.of(b -> b.simpleQueryString(s -> s.query(q).fields(SEARCH_FIELDS)
                        .defaultOperator(Operator.And))))
                .orElseGet(() -> Query.of(b -> b.matchAll(m -> m)));
        SearchResponse<PaperDocument> response = client.search(s -> {
            s.index(config.alias()).query(query).size(size).trackTotalHits(t -> t.enabled(true));
            if (text.isEmpty()) {
                s.sort(o -> o.field(f -> f.field("publishedOn").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
            }
            return s;
        }, PaperDocument.class);
        List<PaperDocument> hits = response.hits().hits().stream().map(Hit::source).toList();
        return new Page(response.hits().total() == null ? hits.size() : response.hits().total().value(), hits);
    }
}
