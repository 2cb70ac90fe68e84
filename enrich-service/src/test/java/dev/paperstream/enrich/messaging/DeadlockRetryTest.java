package dev.paperstream.enrich.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.paperstream.enrich.domain.AuthorNames;
import dev.paperstream.events.AuthorPapers;
import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperEventType;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.testing.KafkaTopics;
import dev.paperstream.testing.PaperstreamStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A real PostgreSQL deadlock that aborts the author upsert is retried: the paper is enriched, not dead-lettered. */
@QuarkusTest
@WithTestResource(value = PaperstreamStackResource.class, initArgs = {
        @ResourceArg(name = "kafka", value = "true"), @ResourceArg(name = "postgres", value = "true") })
class DeadlockRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "mp.messaging.incoming.papers-listed.topic")
    String listedTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-enriched.topic")
    String enrichedTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.papers-listed-dlq.topic")
    String deadLetterTopic;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;
    @ConfigProperty(name = "paperstream.db.schema")
    String schema;

    /**
     * The enricher upserts authors A then B (sorted). The test holds B, waits until the enricher holds A and waits
     * for B, then asks for A: a cycle. PostgreSQL's deadlock check runs first in the backend that has waited
     * deadlock_timeout first, the enricher's, and aborts that one, so the test's transaction gets A.
     */
    @Test
    void enrichesAPaperWhoseAuthorUpsertLosesADeadlock() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String first = "Deadlock A " + suffix;
        String second = "Deadlock B " + suffix;
        assertThat(AuthorNames.key(first)).isLessThan(AuthorNames.key(second));
        String earlier = "t-deadlock-" + UUID.randomUUID();
        String paper = "t-deadlock-" + UUID.randomUUID();

        KafkaTopics.send(bootstrapServers, listedTopic, earlier,
                EventCodec.encode(listedEvent(earlier, List.of(first, second))));
        assertThat(awaitEnriched(earlier).authors())
                .containsExactly(new AuthorPapers(first, 1), new AuthorPapers(second, 1));

        ExecutorService lockingThread = Executors.newSingleThreadExecutor();
        try (CapturedLog log = CapturedLog.of(PaperEnricher.class);
                Connection locker = connect();
                Connection observer = connect()) {
            locker.setAutoCommit(false);
            int lockerPid = backendPid(locker);
            String deadlockTimeout = setting(observer, "deadlock_timeout");
            assertThat(lockAuthor(locker, second)).isEqualTo(1);

            KafkaTopics.send(bootstrapServers, listedTopic, paper,
                    EventCodec.encode(listedEvent(paper, List.of(first, second))));
            Waiter enricher = await("the enricher waiting for " + second).atMost(WAIT)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> waiterBlockedBy(observer, lockerPid), Objects::nonNull);
            Future<Integer> lockingFirst = lockingThread.submit(() -> lockAuthor(locker, first));
            try {
                assertThat(enricher.query()).startsWith("insert into " + schema + ".author (");
                assertThat(lockingFirst)
                        .as("the test's transaction gets %s once the enricher (pid %d, waiting %d ms when seen;"
                                + " deadlock_timeout %s) is the deadlock's victim", first, enricher.pid(),
                                enricher.waitedMillis(), deadlockTimeout)
                        .succeedsWithin(WAIT)
                        .as("%s's count: the enricher's update was rolled back", first)
                        .isEqualTo(1);
            } finally {
                locker.rollback();
            }

            assertThat(awaitEnriched(paper).authors())
                    .containsExactly(new AuthorPapers(first, 2), new AuthorPapers(second, 2));
            assertThat(log.messages())
                    .as("the enricher's retry of the upsert that lost the deadlock with the test's transaction")
                    .filteredOn(message -> message.contains("deadlock detected")
                            && message.contains("blocked by process " + lockerPid))
                    .singleElement().satisfies(message -> assertThat(message).contains("retrying in", paper));
            assertThat(log.messages()).noneMatch(message -> message.contains("dead-letter topic")
                    && message.contains(paper));
        } finally {
            lockingThread.shutdownNow();
        }
        given().get("/authors/" + first).then().statusCode(200).body("papers", equalTo(2));
        given().get("/authors/" + second).then().statusCode(200).body("papers", equalTo(2));
        assertThat(KafkaTopics.readFor(bootstrapServers, deadLetterTopic, r -> paper.equals(r.key()),
                Duration.ofSeconds(2))).isEmpty();
    }

    /** A backend waiting for a lock, the statement it runs and how long it has waited. */
    private record Waiter(int pid, String query, long waitedMillis) {
    }

    /** The backend waiting for a lock that {@code blockerPid} holds, or null. */
    private static Waiter waiterBlockedBy(Connection observer, int blockerPid) throws SQLException {
        try (PreparedStatement statement = observer.prepareStatement("select a.pid, a.query,"
                + " coalesce(extract(epoch from clock_timestamp() - l.waitstart) * 1000, 0)::bigint"
                + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where not l.granted and ? = any(pg_blocking_pids(l.pid))")) {
            statement.setInt(1, blockerPid);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Waiter(rows.getInt(1), rows.getString(2), rows.getLong(3)) : null;
            }
        }
    }

    /** Locks the author's row in the connection's transaction and returns their paper count. */
    private int lockAuthor(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select papers from " + schema + ".author where name_key = ? for update")) {
            statement.setString(1, AuthorNames.key(name));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no author row for " + name);
                }
                return rows.getInt(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource.getConnection();
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_backend_pid()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select current_setting(?)")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private EnrichedPaperEvent awaitEnriched(String paperId) {
        return EventCodec.decodeEnrichedPaperEvent(KafkaTopics.awaitRecords(bootstrapServers, enrichedTopic,
                r -> paperId.equals(r.key()), 1, WAIT).get(0).value());
    }

    private static PaperEvent listedEvent(String paperId, List<String> authors) {
        PaperSnapshot paper = new PaperSnapshot(null, "Deadlocks " + paperId, "An abstract.", LocalDate.of(2024, 1, 1),
                0, authors.size(), authors, null, List.of(), null, null, List.of(), null, List.of());
        return new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), PaperEventType.PaperListed, paperId, 1,
                Instant.now(), "l-deadlock", paper);
    }

    /** The formatted messages a logger writes while this handler is on it. */
    private static final class CapturedLog extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<String> messages = new CopyOnWriteArrayList<>();
        /** Only the message, formatted in the record's style (JBoss Logging's warnf: printf). */
        private final ExtFormatter format = new ExtFormatter() {
            @Override
            public String format(ExtLogRecord record) {
                return formatMessage(record);
            }
        };

        private CapturedLog(Logger logger) {
            this.logger = logger;
        }

        static CapturedLog of(Class<?> category) {
            CapturedLog log = new CapturedLog(Logger.getLogger(category.getName()));
            log.logger.addHandler(log);
            return log;
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void publish(LogRecord record) {
            messages.add(format.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
