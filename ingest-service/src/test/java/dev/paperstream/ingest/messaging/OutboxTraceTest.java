package dev.paperstream.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.paperstream.events.Roles;
import dev.paperstream.events.TraceParent;
import dev.paperstream.testing.PaperstreamStackResource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * The outbox relay sends after the listing's transaction, on another thread: the trace of the POST still reaches
 * papers.listed, through the traceparent stored with the outbox row.
 */
@QuarkusTest
@TestSecurity(user = "test-ingest", roles = Roles.INGEST)
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
class OutboxTraceTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void continuesTheTraceOfAListingsPostWhenTheRelaySendsItsPaper() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        String title = "Outbox Trace Paper " + UUID.randomUUID();
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType("text/plain; charset=UTF-8")
                .body("Dec 21\n\n" + title + "\n\nAn abstract.\n\n  \u2022 2 authors\n\u00b7\nDec 21, 2025\n")
                .post("/listings?asOf=2025-12-21").then().statusCode(202);

        String topic = ConfigProvider.getConfig().getValue("mp.messaging.outgoing.papers-listed.topic", String.class);
        SpanData[] found = new SpanData[2];
        Awaitility.await("the POST's span and the relay's send, in one trace").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    List<SpanData> trace = spans.getFinishedSpanItems().stream()
                            .filter(span -> span.getTraceId().equals(traceId)).toList();
                    SpanData post = only(trace, "POST /listings");
                    SpanData publish = only(trace, topic + " publish");
                    assertThat(post.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(post.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
                    assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
                    assertThat(publish.getParentSpanId()).isEqualTo(post.getSpanId());
                    found[0] = post;
                    found[1] = publish;
                });

        // The record on papers.listed names the send's span, where enrich-service continues the trace.
        assertThat(traceParentsOnTopic(topic, traceId))
                .containsExactly(TraceParent.of(Span.wrap(found[1].getSpanContext())));
    }

    private static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> named = trace.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("span '%s' among %s", name, trace.stream().map(SpanData::getName).toList()).hasSize(1);
        return named.get(0);
    }

    /** The traceparent headers of the topic's records in that trace. */
    private static List<String> traceParentsOnTopic(String topic, String traceId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-trace-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> found = new ArrayList<>();
            Awaitility.await("the paper's record on " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header header = record.headers().lastHeader(TraceParent.HEADER);
                    String value = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
                    if (value.contains(traceId)) {
                        found.add(value);
                    }
                }
                return !found.isEmpty();
            });
            return found;
        }
    }
}
