package dev.paperstream.query.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperLink;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.events.UpvoteObservation;
import dev.paperstream.testing.KafkaTopics;
import io.restassured.RestAssured;

/** Builds enriched events for tests and publishes them to the tests' papers.enriched topic on the real broker. */
public final class TestPapers {

    private TestPapers() {
    }

    /** A fresh paper id. */
    public static String newId() {
        return "t-" + UUID.randomUUID();
    }

    /** A word of letters only (the completion analyzer splits at digits), unique per call. */
    public static String uniqueWord(String prefix) {
        StringBuilder word = new StringBuilder(prefix);
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 12).toCharArray()) {
            word.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
        }
        return word.toString().toLowerCase(Locale.ROOT);
    }

    /** A paper with sensible defaults, changed through the with- methods. */
    public static Builder paper(String id, String title) {
        return new Builder(id, title);
    }

    private static volatile boolean consumerReady;

    /**
     * Waits until the indexing consumer (a fresh group starting at the latest offset) has its partitions: a
     * sentinel paper is republished until it is indexed. Records published before that would be skipped.
     */
    public static void awaitConsumerReady(String bootstrapServers) {
        if (consumerReady) {
            return;
        }
        awaitIndexingConsumer(bootstrapServers);
        consumerReady = true;
    }

    /**
     * Like {@link #awaitConsumerReady}, but always checks: for a test that runs its own application (another test
     * resource, so another per-run group), which the cached readiness of the shared application says nothing about.
     */
    public static void awaitIndexingConsumer(String bootstrapServers) {
        String id = newId();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            publish(bootstrapServers, paper(id, "Consumer readiness sentinel").build());
            return RestAssured.given().get("/papers/" + id).statusCode() == 200;
        });
    }

    public static void publish(String bootstrapServers, EnrichedPaperEvent event) {
        KafkaTopics.send(bootstrapServers, enrichedTopic(), event.paperId(), EventCodec.encode(event));
    }

    /** Publishes the events in order with one producer. */
    public static void publishAll(String bootstrapServers, List<EnrichedPaperEvent> events) {
        KafkaTopics.sendAll(bootstrapServers, enrichedTopic(), events.stream()
                .map(event -> Map.entry(event.paperId(), EventCodec.encode(event))).toList());
    }

    /** The topic query-service consumes under %test: the tests' own, not a running demo's papers.enriched. */
    public static String enrichedTopic() {
        return ConfigProvider.getConfig().getValue("mp.messaging.incoming.papers-enriched.topic", String.class);
    }

    /** The dead-letter topic of {@link #enrichedTopic()}. */
    public static String deadLetterTopic() {
        return ConfigProvider.getConfig().getValue("mp.messaging.incoming.papers-enriched.dead-letter-queue.topic",
                String.class);
    }

    /** Mutable event under construction. */
    public static final class Builder {
        private final String id;
        private final String title;
        private String summary = "An abstract about programs.";
        private long version = 1;
        private LocalDate publishedOn = LocalDate.of(2022, 7, 4);
        private int upvotes = 7;
        private Integer authorCount = 5;
        private String teamSize = "medium";
        private String organization;
        private List<String> tags = List.of("code-generation");
        private boolean hasCode;
        private Instant firstListedAt = Instant.now();
        private List<UpvoteObservation> history = List.of();
        private List<String> authorNames = List.of();

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public Builder version(long value) {
            version = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder publishedOn(LocalDate value) {
            publishedOn = value;
            return this;
        }

        public Builder upvotes(int value) {
            upvotes = value;
            return this;
        }

        public Builder authors(int count, String band) {
            authorCount = count;
            teamSize = band;
            return this;
        }

        public Builder authorNames(String... names) {
            authorNames = List.of(names);
            return this;
        }

        public Builder organization(String value) {
            organization = value;
            return this;
        }

        public Builder tags(String... values) {
            tags = List.of(values);
            return this;
        }

        public Builder hasCode(boolean value) {
            hasCode = value;
            return this;
        }

        public Builder listed(Instant at, UpvoteObservation... observations) {
            firstListedAt = at;
            history = List.of(observations);
            return this;
        }

        public EnrichedPaperEvent build() {
            PaperSnapshot paper = new PaperSnapshot(null, title, summary, publishedOn, upvotes, authorCount,
                    authorNames, organization, List.of(), null, null, List.of(), firstListedAt, history);
            List<PaperLink> links = new ArrayList<>();
            if (hasCode) {
                links.add(new PaperLink("code", "https://github.com/example/" + id));
            }
            return new EnrichedPaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), id, version, Instant.now(),
                    "test", paper, tags, authorCount, teamSize, List.of(), links, hasCode);
        }
    }
}
