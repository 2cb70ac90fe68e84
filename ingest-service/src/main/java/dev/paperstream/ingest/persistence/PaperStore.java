package dev.paperstream.ingest.persistence;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperstream.ingest.domain.ListedPaper;
import dev.paperstream.ingest.domain.PaperIdentity;
import dev.paperstream.ingest.domain.PaperMerge.UpvoteCount;
import dev.paperstream.ingest.domain.PaperSet.Observation;
import dev.paperstream.ingest.domain.PaperSet.Retirement;
import dev.paperstream.ingest.domain.PaperSet.Update;
import dev.paperstream.ingest.domain.PaperSet;
import dev.paperstream.ingest.domain.PaperState;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Papers, their aliases and upvote history, read and written as sets with plain JDBC inside the caller's
 * transaction: one locking read per chunk of a listing, then one batch per kind of write (the JDBC driver
 * rewrites batched inserts into multi-row statements).
 */
@ApplicationScoped
public class PaperStore {

    /** The paper columns, in the order {@link #bind} and {@link #read} use them: the one field list of this mapping. */
    private static final String COLUMNS = "id, arxiv_id, title, summary, published_on, upvotes, upvotes_observed_at,"
            + " author_count, organization, authors_json, keywords_json, categories_json, affiliations_json, code_url,"
            + " project_url, version, first_listed_at, updated_at";
    private static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(COLUMNS.split(",").length, "?"));
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public PaperStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Finds and locks every stored paper the listed papers may name (by arXiv id, by title alias, or by a
     * title-key id from before aliases existed), with the upvote history of each within {@code historyWindow} of
     * its newest observation. The keys are locked first (advisory locks, sorted) and the rows in id order, so that
     * two listings touching the same papers, new or known, wait for each other instead of deadlocking, and neither
     * builds a version on a state the other is changing.
     */
    public PaperSet lockKnown(Collection<ListedPaper> listed, Duration historyWindow) {
        Set<String> titleKeys = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (ListedPaper paper : listed) {
            String titleKey = PaperIdentity.titleKey(paper.title());
            titleKeys.add(titleKey);
            ids.add(titleKey);
            if (paper.arxivId() != null) {
                ids.add(PaperIdentity.of(paper.arxivId(), null));
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            // Papers that do not exist yet cannot be row-locked: lock every key the chunk names (title keys, arXiv
            // ids) first, in sorted order, so that two listings naming the same new paper take turns instead of
            // both inserting it, and cannot deadlock. Released at commit.
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(k))"
                    + " from (select distinct k from unnest(?::text[]) as k order by k) as keys")) {
                lock.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                try (ResultSet locked = lock.executeQuery()) {
                    while (locked.next()) {
                        // every row is one lock taken
                    }
                }
            }
            Map<String, String> aliases = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select title_key, paper_id from paper_alias where title_key = any(?)")) {
                select.setArray(1, connection.createArrayOf("varchar", titleKeys.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        aliases.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            ids.addAll(aliases.values());
            Map<String, PaperState> papers = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + COLUMNS + " from paper where id = any(?) order by id for update")) {
                select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        PaperState paper = read(rows);
                        papers.put(paper.id(), paper);
                    }
                }
            }
            Map<String, List<UpvoteCount>> history = new HashMap<>();
            if (!papers.isEmpty()) {
                try (PreparedStatement select = connection.prepareStatement("select o.paper_id, o.observed_at, o.upvotes"
                        + " from upvote_observation o join paper p on p.id = o.paper_id where o.paper_id = any(?)"
                        + " and o.observed_at >= p.upvotes_observed_at - make_interval(secs => ?)"
                        + " order by o.paper_id, o.observed_at, o.id")) {
                    select.setArray(1, connection.createArrayOf("varchar", papers.keySet().toArray()));
                    select.setLong(2, historyWindow.toSeconds());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            history.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                                    .add(new UpvoteCount(rows.getTimestamp(2).toInstant(), rows.getInt(3)));
                        }
                    }
                }
            }
            return new PaperSet(papers, aliases, history);
        } catch (SQLException e) {
            throw new StoreException("could not read the listed papers", e);
        }
    }

    /**
     * Writes a chunk's changes: new rows (including moved papers under their arXiv ids), moved history and
     * aliases, retired rows, updates guarded by the version read, new aliases and upvote observations.
     *
     * @throws ConcurrentPaperChangeException when a row no longer has the version that was read
     */
    public void write(PaperSet.Writes writes, String listingId, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into paper (" + COLUMNS + ") values (" + PLACEHOLDERS + ")")) {
                for (PaperState paper : writes.inserts()) {
                    bind(insert, paper, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (!writes.moves().isEmpty()) {
                for (String table : List.of("upvote_observation", "paper_alias")) {
                    try (PreparedStatement repoint = connection.prepareStatement(
                            "update " + table + " set paper_id = ? where paper_id = ?")) {
                        for (Retirement move : writes.moves()) {
                            repoint.setString(1, move.supersededBy());
                            repoint.setString(2, move.retiredId());
                            repoint.addBatch();
                        }
                        repoint.executeBatch();
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement("delete from paper where id = ?")) {
                    for (Retirement move : writes.moves()) {
                        delete.setString(1, move.retiredId());
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            try (PreparedStatement update = connection.prepareStatement("update paper set (" + COLUMNS + ") = ("
                    + PLACEHOLDERS + ") where id = ? and version = ?")) {
                for (Update change : writes.updates()) {
                    int next = bind(update, change.state(), now);
                    update.setString(next, change.state().id());
                    update.setLong(next + 1, change.expectedVersion());
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        throw new ConcurrentPaperChangeException(writes.updates().get(i).state().id());
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into paper_alias (title_key, paper_id, created_at) values (?, ?, ?)")) {
                for (Map.Entry<String, String> alias : writes.newAliases().entrySet()) {
                    insert.setString(1, alias.getKey());
                    insert.setString(2, alias.getValue());
                    insert.setTimestamp(3, Timestamp.from(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into upvote_observation"
                    + " (paper_id, listing_id, observed_at, upvotes) values (?, ?, ?, ?)")) {
                for (Observation observation : writes.observations()) {
                    insert.setString(1, observation.paperId());
                    insert.setString(2, listingId);
                    insert.setTimestamp(3, Timestamp.from(observation.count().observedAt()));
                    insert.setInt(4, observation.count().upvotes());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new StoreException("could not write the listed papers", e);
        }
    }

    /** Binds a paper's columns in {@link #COLUMNS} order from index 1; returns the next free index. */
    private int bind(PreparedStatement statement, PaperState paper, Instant now) throws SQLException {
        int i = 1;
        statement.setString(i++, paper.id());
        statement.setString(i++, paper.arxivId());
        statement.setString(i++, paper.title());
        statement.setString(i++, paper.summary());
        statement.setObject(i++, paper.publishedOn() == null ? null : Date.valueOf(paper.publishedOn()), Types.DATE);
        statement.setInt(i++, paper.upvotes());
        if (paper.upvotesObservedAt() == null) {
            statement.setNull(i++, Types.TIMESTAMP);
        } else {
            statement.setTimestamp(i++, Timestamp.from(paper.upvotesObservedAt()));
        }
        statement.setObject(i++, paper.authorCount(), Types.INTEGER);
        statement.setString(i++, paper.organization());
        statement.setString(i++, writeJson(paper.authors()));
        statement.setString(i++, writeJson(paper.keywords()));
        statement.setString(i++, writeJson(paper.categories()));
        statement.setString(i++, writeJson(paper.affiliations()));
        statement.setString(i++, paper.codeUrl());
        statement.setString(i++, paper.projectUrl());
        statement.setLong(i++, paper.version());
        statement.setTimestamp(i++, Timestamp.from(paper.firstListedAt()));
        statement.setTimestamp(i++, Timestamp.from(now));
        return i;
    }

    /** Reads a paper row selected with {@link #COLUMNS}. */
    private PaperState read(ResultSet row) throws SQLException {
        Date publishedOn = row.getDate("published_on");
        Timestamp observedAt = row.getTimestamp("upvotes_observed_at");
        return new PaperState(row.getString("id"), row.getString("arxiv_id"), row.getString("title"),
                row.getString("summary"), publishedOn == null ? null : publishedOn.toLocalDate(), row.getInt("upvotes"),
                observedAt == null ? null : observedAt.toInstant(), (Integer) row.getObject("author_count"),
                readJson(row.getString("authors_json")), row.getString("organization"),
                readJson(row.getString("keywords_json")), readJson(row.getString("categories_json")),
                readJson(row.getString("affiliations_json")), row.getString("code_url"), row.getString("project_url"),
                row.getLong("version"), row.getTimestamp("first_listed_at").toInstant());
    }

    private String writeJson(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of strings always serialize", e);
        }
    }

    private List<String> readJson(String stored) {
        try {
            return json.readValue(stored, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("paper list columns are written by this service", e);
        }
    }
}
