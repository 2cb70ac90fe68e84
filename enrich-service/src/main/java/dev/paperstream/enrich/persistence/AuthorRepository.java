package dev.paperstream.enrich.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.paperstream.enrich.domain.BatchAuthors;
import dev.paperstream.enrich.domain.BatchAuthors.AuthorIncrement;
import dev.paperstream.enrich.domain.BatchAuthors.AuthorPaper;
import dev.paperstream.events.AuthorPapers;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Author paper counts, counted once per (author, paper) however often an event is redelivered. A batch is written
 * with one multi-row statement per table, rows in the caller's (sorted) order so that concurrent writers lock them in
 * the same order.
 */
@ApplicationScoped
public class AuthorRepository implements PanacheRepositoryBase<AuthorEntity, String> {

    private final DataSource dataSource;
    private final String insertPairs;
    private final String addPapers;

    public AuthorRepository(DataSource dataSource, @ConfigProperty(name = "paperstream.db.schema") String schema) {
        this.dataSource = dataSource;
        // unnest(...) with ordinality, ordered: rows are inserted, and their locks taken, in the order given.
        this.insertPairs = "insert into " + schema + ".author_paper (name_key, paper_id)"
                + " select k, p from unnest(?::varchar[], ?::varchar[]) with ordinality as t(k, p, o) order by o"
                + " on conflict do nothing returning name_key, paper_id";
        this.addPapers = "insert into " + schema + ".author (name_key, name, papers)"
                + " select k, n, c from unnest(?::varchar[], ?::varchar[], ?::int[]) with ordinality as t(k, n, c, o)"
                + " order by o on conflict (name_key) do update set name = excluded.name,"
                + " papers = author.papers + excluded.papers returning name_key, papers";
    }

    /**
     * Counts a batch's papers for their authors in one transaction: records its (author, paper) pairs, adds the new
     * ones to the authors' counts, and returns each paper's authors with their counts (see {@link BatchAuthors}).
     */
    @Transactional(rollbackOn = SQLException.class)
    public List<List<AuthorPapers>> count(BatchAuthors batch) throws SQLException {
        Set<AuthorPaper> newlyCounted = recordPairs(batch.pairs());
        return batch.counts(newlyCounted, addPapers(batch.increments(newlyCounted)));
    }

    /** Records the pairs, in the given order, and returns those that were not recorded before. */
    private Set<AuthorPaper> recordPairs(List<AuthorPaper> pairs) throws SQLException {
        Set<AuthorPaper> inserted = new HashSet<>();
        if (pairs.isEmpty()) {
            return inserted;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(insertPairs)) {
            statement.setArray(1, varchars(connection, pairs.stream().map(AuthorPaper::nameKey).toList()));
            statement.setArray(2, varchars(connection, pairs.stream().map(AuthorPaper::paperId).toList()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    inserted.add(new AuthorPaper(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return inserted;
    }

    /** Adds each author's new papers to their count, in the given order, and returns every author's total. */
    private Map<String, Integer> addPapers(List<AuthorIncrement> increments) throws SQLException {
        Map<String, Integer> totals = new HashMap<>();
        if (increments.isEmpty()) {
            return totals;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(addPapers)) {
            statement.setArray(1, varchars(connection, increments.stream().map(AuthorIncrement::nameKey).toList()));
            statement.setArray(2, varchars(connection, increments.stream().map(AuthorIncrement::name).toList()));
            statement.setArray(3, connection.createArrayOf("int4",
                    increments.stream().map(AuthorIncrement::newPapers).toArray(Integer[]::new)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    totals.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return totals;
    }

    /** The authors with the most papers, ties by name. */
    public List<AuthorEntity> top(int limit) {
        return findAll(Sort.descending("papers").and("nameKey")).page(0, limit).list();
    }

    private static Array varchars(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray(String[]::new));
    }
}
