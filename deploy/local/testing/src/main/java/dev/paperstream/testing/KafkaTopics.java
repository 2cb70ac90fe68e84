package dev.paperstream.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes real Kafka topics from tests, with plain clients and no consumer group state. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String bootstrapServers, String topic, String key, String value) {
        sendAll(bootstrapServers, topic, List.of(Map.entry(key, value)));
    }

    /** Sends the records (key, value) in order with one producer and waits for all acknowledgements. */
    public static void sendAll(String bootstrapServers, String topic, List<Map.Entry<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (Map.Entry<String, String> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + " at " + bootstrapServers, e);
        }
    }

    /**
     * Reads the topic from the beginning until {@code expected} matching records have been seen, or
     * fails after {@code timeout}. Returns the matching records in the order read.
     */
    public static List<ConsumerRecord<String, String>> awaitRecords(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> matching, int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        if (!read(bootstrapServers, topic, matching, expected, timeout, found)) {
            throw new AssertionError("expected " + expected + " matching records on " + topic + " within "
                    + timeout + ", found " + found.size() + ": " + found);
        }
        return found;
    }

    /** Reads the topic from the beginning for {@code window} and returns every matching record. */
    public static List<ConsumerRecord<String, String>> readFor(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> matching, Duration window) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        read(bootstrapServers, topic, matching, Integer.MAX_VALUE, window, found);
        return found;
    }

    /**
     * Reads every record the topic holds now, from the beginning of each partition to its end offset at the time
     * of the call, without a consumer group; fails after {@code timeout}.
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
            Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean read(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> matching, int expected, Duration timeout,
            List<ConsumerRecord<String, String>> found) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected) {
                    return true;
                }
            }
        }
        return false;
    }
}
