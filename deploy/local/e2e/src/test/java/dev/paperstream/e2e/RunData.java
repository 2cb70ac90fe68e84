package dev.paperstream.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import dev.paperstream.testing.StackEndpoints;

/** What an end-to-end run leaves on the shared stack under its own name, and its removal. */
final class RunData {

    private RunData() {
    }

    /** Deletes the run's index ({@code <run>-papers-v1}) and its ingest, enrich and query schemas. */
    static void removeIndexAndSchemas(StackEndpoints stack, String run)
            throws IOException, InterruptedException, SQLException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + stack.elasticsearchHosts() + "/" + run + "-papers-v1")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        try (Connection db = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUsername(),
                stack.postgresPassword()); Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists " + run + " cascade");
            sql.execute("drop schema if exists " + run + "_enrich cascade");
            sql.execute("drop schema if exists " + run + "_query cascade");
        }
    }
}
