package dev.paperstream.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.json.JsonMapper;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import dev.paperstream.events.EventCodec;
import dev.paperstream.query.config.QueryConfig;
import dev.paperstream.query.persistence.BulkAction;
import dev.paperstream.query.persistence.BulkItemOutcome;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.rest.TestPapers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * How indexing answers whole-request failures, against an index that fails on cue: a request Elasticsearch refuses
 * for good is split down to the item that causes it, which alone is rejected; a transient failure is retried.
 */
class BulkIndexerTest {

    @Test
    void rejectsOnlyThePaperThatMakesElasticsearchRefuseTheWholeRequest() throws Exception {
        ScriptedIndex index = new ScriptedIndex("poison", 0);
        List<IncomingPaper> batch = papers("a", "b", "c", "d", "e", "poison", "g", "h");

        List<Rejection> rejections = new BulkIndexer(index, new TextEmbedder(1, 1), new SimpleMeterRegistry(), CONFIG).index(batch);

        assertThat(rejections).extracting(Rejection::position).containsExactly(5);
        assertThat(rejections.get(0).reason()).contains("poison").contains("400");
        assertThat(index.written).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "g", "h");
        assertThat(index.requestSizes.get(0)).isEqualTo(8);
    }

    @Test
    void retriesAWholeRequestThatFailsWithA5xxUntilItIsTaken() throws Exception {
        ScriptedIndex index = new ScriptedIndex(null, 2);

        List<Rejection> rejections = new BulkIndexer(index, new TextEmbedder(1, 1), new SimpleMeterRegistry(), CONFIG)
                .index(papers("a", "b", "c"));

        assertThat(rejections).isEmpty();
        assertThat(index.requestSizes).containsExactly(3, 3, 3);
        assertThat(index.written).containsExactly("a", "b", "c");
    }

    private static List<IncomingPaper> papers(String... ids) {
        List<IncomingPaper> papers = new ArrayList<>();
        for (String id : ids) {
            papers.add(new IncomingPaper(id, EventCodec.encode(TestPapers.paper(id, "Paper " + id).build())));
        }
        return papers;
    }

    /** Answers 400 to any request holding the poison id, 503 to the first {@code unavailable} requests. */
    private static final class ScriptedIndex extends PaperIndex {
        private final String poison;
        private int unavailable;
        final List<Integer> requestSizes = new ArrayList<>();
        final List<String> written = new ArrayList<>();

        ScriptedIndex(String poison, int unavailable) {
            super(null, JsonMapper.builder().findAndAddModules().build(), "papers", 1, 0);
            this.poison = poison;
            this.unavailable = unavailable;
        }

        @Override
        public void ensureExists() {
        }

        @Override
        public List<BulkItemOutcome> bulk(List<? extends BulkAction> actions, boolean externalVersions)
                throws IOException {
            requestSizes.add(actions.size());
            if (unavailable > 0) {
                unavailable--;
                throw failure(503, "unavailable_shards_exception");
            }
            if (actions.stream().anyMatch(action -> action.id().equals(poison))) {
                throw failure(400, "illegal_argument_exception");
            }
            List<BulkItemOutcome> outcomes = new ArrayList<>();
            for (BulkAction action : actions) {
                written.add(action.id());
                outcomes.add(BulkItemOutcome.of(201, false, null));
            }
            return outcomes;
        }

        private static ElasticsearchException failure(int status, String type) {
            return new ElasticsearchException("bulk", ErrorResponse.of(response -> response.status(status)
                    .error(error -> error.type(type).reason("scripted " + type))));
        }
    }

    private static final QueryConfig CONFIG = QueryConfig.of(Map.of(
            "paperstream.query.indexing.retry-first-pause", "1ms",
            "paperstream.query.indexing.retry-longest-pause", "4ms"));
}
