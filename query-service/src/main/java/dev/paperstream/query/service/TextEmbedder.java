package dev.paperstream.query.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.paperstream.query.config.QueryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The in-process sentence embedding model: all-MiniLM-L6-v2, quantized (Apache-2.0; ONNX model and tokenizer
 * inside the langchain4j jar, 384 dimensions, nothing downloaded). Loaded on first use. Recent query vectors are
 * cached, so that paging through a search embeds its text once.
 */
@ApplicationScoped
public class TextEmbedder {

    /** The model's name, as stored beside each vector with the revision. */
    public static final String MODEL = "all-minilm-l6-v2-q";
    /** Dimensions of the model's vectors (the mapping's {@code dims}). */
    public static final int DIMENSIONS = 384;
    private static final Logger LOG = Logger.getLogger(TextEmbedder.class);
    private static final int QUERY_CACHE_SIZE = 1000;

    static {
        // DJL, which the model's tokenizer uses, calls a cloud metadata address (169.254.169.254) and a telemetry
        // URL unless this is set. The stack, the images and the tests set the environment variable; this makes
        // sure no deployment that forgets it phones home.
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private final String modelId;
    private final ExecutorService pool;
    private final Map<String, float[]> queryCache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > QUERY_CACHE_SIZE;
                }
            });
    private volatile EmbeddingModel model;

    @Inject
    public TextEmbedder(QueryConfig config) {
        this(config.embedding().revision(), config.embedding().threads());
    }

    /** For tools outside the container (the benchmark). */
    public TextEmbedder(int revision, int threads) {
        this.modelId = MODEL + "@" + revision;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "embedder-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The model and revision that vectors computed now are stored with. */
    public String modelId() {
        return modelId;
    }

    /** The vectors of some texts, in order, computed on the embedding threads. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings = model().embedAll(texts.stream().map(TextSegment::from).toList()).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        embeddings.forEach(e -> vectors.add(e.vector()));
        return vectors;
    }

    /** The vector of a search text (cached). */
    public float[] embedQuery(String text) {
        float[] cached = queryCache.get(text);
        if (cached != null) {
            return cached;
        }
        float[] vector = model().embed(text).content().vector();
        queryCache.put(text, vector);
        return vector;
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    long start = System.nanoTime();
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
                    LOG.infof("Loaded embedding model %s in %d ms", modelId, (System.nanoTime() - start) / 1_000_000);
                }
                loaded = model;
            }
        }
        return loaded;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
