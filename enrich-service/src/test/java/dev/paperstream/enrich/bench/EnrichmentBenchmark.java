package dev.paperstream.enrich.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.paperstream.enrich.domain.PaperEnrichment;
import dev.paperstream.enrich.domain.TopicTagger;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.Taxonomy;
import dev.paperstream.events.Topics;

/**
 * Enrichment throughput: the pure enrichment function alone, and, when {@code -Dbench.kafka=host:port} names a
 * broker with a running enrich-service, end to end through Kafka: fresh papers (three authors each, from a pool, so
 * every batch writes author counts) sent to {@code -Dbench.listed-topic} (default papers.listed) and timed until all
 * their enriched events are read back from {@code -Dbench.enriched-topic} (default papers.enriched). Not a test: run
 * it as described in enrich-service/README.md; it prints a table.
 */
public final class EnrichmentBenchmark {

    private static final int FUNCTION_EVENTS = 5_000;
    private static final int KAFKA_EVENTS = 20_000;
    private static final int KAFKA_ROUNDS = Integer.getInteger("bench.kafka-rounds", 5);
    /** Untimed rounds first: the service's JIT warms up over about 100,000 events, as in a running stack. */
    private static final int KAFKA_WARMUPS = Integer.getInteger("bench.kafka-warmups", 5);
    /** Compression of the benchmark's own producer: that of ingest-service's relay. */
    private static final String LISTED_COMPRESSION = System.getProperty("bench.compression", "zstd");
    private static final int AUTHOR_POOL = 5_000;
    private static final int ROUNDS = Integer.getInteger("bench.function-rounds", 5);

    public static void main(String[] args) throws Exception {
        List<PaperEvent> events = sampleEvents();
        PaperEnrichment enrichment = new PaperEnrichment(new TopicTagger(Taxonomy.parse(resource(
                "/taxonomy/taxonomy.txt"))));

        double[] functionRates = new double[ROUNDS];
        for (int warmup = 0; warmup < 2; warmup++) {
            enrichAll(enrichment, events, FUNCTION_EVENTS);
        }
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            enrichAll(enrichment, events, FUNCTION_EVENTS);
            functionRates[round] = FUNCTION_EVENTS / ((System.nanoTime() - start) / 1e9);
        }
        System.out.println();
        System.out.println("| measurement | events | rounds | median events/s | min | max |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        row("enrichment function alone (tags, team size, links)", FUNCTION_EVENTS, functionRates);

        String kafka = System.getProperty("bench.kafka");
        if (kafka != null) {
            String listed = System.getProperty("bench.listed-topic", Topics.PAPERS_LISTED);
            String enriched = System.getProperty("bench.enriched-topic", Topics.PAPERS_ENRICHED);
            for (int warmup = 1; warmup <= KAFKA_WARMUPS; warmup++) {
                System.err.printf(Locale.ROOT, "warm-up round %d: %,.0f events/s%n", warmup,
                        throughKafka(kafka, listed, enriched, events));
            }
            double[] kafkaRates = new double[KAFKA_ROUNDS];
            for (int round = 0; round < kafkaRates.length; round++) {
                kafkaRates[round] = throughKafka(kafka, listed, enriched, events);
                System.err.printf(Locale.ROOT, "round %d: %,.0f events/s%n", round + 1, kafkaRates[round]);
            }
            row(listed + " -> enrich-service -> " + enriched + " (3 authors per paper)", KAFKA_EVENTS, kafkaRates);
        }
    }

    private static void enrichAll(PaperEnrichment enrichment, List<PaperEvent> events, int count) {
        long tags = 0;
        for (int i = 0; i < count; i++) {
            tags += enrichment.enrich(events.get(i % events.size()), List.of()).tags().size();
        }
        if (tags < 0) {
            throw new IllegalStateException("unreachable; keeps the work observable");
        }
    }

    /**
     * Sends KAFKA_EVENTS fresh papers and times until all their enriched events have been read back. The events are
     * encoded before the clock starts, so that the generator's JSON work does not compete with the service's.
     */
    private static double throughKafka(String bootstrap, String listedTopic, String enrichedTopic,
            List<PaperEvent> samples) {
        String run = "bench-" + UUID.randomUUID() + "-";
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, run + "reader");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, LISTED_COMPRESSION);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                        new StringSerializer())) {
            consumer.subscribe(List.of(enrichedTopic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            String[] ids = new String[KAFKA_EVENTS];
            String[] values = new String[KAFKA_EVENTS];
            for (int i = 0; i < KAFKA_EVENTS; i++) {
                PaperEvent sample = samples.get(i % samples.size());
                ids[i] = run + i;
                PaperSnapshot paper = sample.paper();
                List<String> authors = List.of("Bench Author " + (i % AUTHOR_POOL),
                        "Bench Author " + ((i * 7 + 1) % AUTHOR_POOL), "Bench Author " + ((i * 13 + 2) % AUTHOR_POOL));
                PaperSnapshot withAuthors = new PaperSnapshot(paper.arxivId(), paper.title(), paper.summary(),
                        paper.publishedOn(), paper.upvotes(), authors.size(), authors, paper.organization(),
                        paper.keywords(), paper.codeUrl(), paper.projectUrl(), paper.categories(),
                        paper.firstListedAt(), paper.upvoteHistory());
                values[i] = EventCodec.encode(new PaperEvent(sample.schemaVersion(), UUID.randomUUID(),
                        sample.eventType(), ids[i], 1, sample.occurredAt(), "l-bench", withAuthors));
            }
            long start = System.nanoTime();
            for (int i = 0; i < KAFKA_EVENTS; i++) {
                producer.send(new ProducerRecord<>(listedTopic, ids[i], values[i]));
            }
            producer.flush();
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen < KAFKA_EVENTS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(run)) {
                        seen++;
                    }
                }
            }
            if (seen < KAFKA_EVENTS) {
                throw new IllegalStateException("only " + seen + " of " + KAFKA_EVENTS
                        + " enriched within 5 minutes: is an enrich-service reading " + listedTopic + "?");
            }
            return KAFKA_EVENTS / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** One listed event per paper of the bundled sample: real titles and abstracts. */
    private static List<PaperEvent> sampleEvents() throws IOException {
        String[] lines = resource("/listings/hf-daily-papers-2025-12-17.txt").split("\r?\n");
        List<PaperEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("·")) {
                continue;
            }
            int byline = i - 1;
            while (lines[byline].isBlank()) {
                byline--;
            }
            int abstractLine = byline - 1;
            while (lines[abstractLine].isBlank()) {
                abstractLine--;
            }
            int title = abstractLine - 1;
            while (lines[title].isBlank()) {
                title--;
            }
            PaperSnapshot paper = new PaperSnapshot(null, lines[title].strip(), lines[abstractLine].strip(),
                    LocalDate.of(2025, 1, 1), 0, 5, List.of(), null, List.of(), null, null, List.of(), null,
                    List.of());
            events.add(new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), PaperEventType.PaperListed,
                    "t-bench-" + events.size(), 1, Instant.now(), "l-bench", paper));
        }
        return events;
    }

    private static void row(String name, int events, double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %,d | %d | %,.0f | %,.0f | %,.0f |%n", name, events, rates.length,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EnrichmentBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
