package dev.paperstream.ingest.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.paperstream.ingest.domain.Fixtures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local HTTP server serving the listing fixtures as feeds, configured as the service's sources:
 * {@code /daily.json} with an ETag (answers 304 to a matching If-None-Match), {@code /arxiv.atom} with
 * Last-Modified (304 to a matching If-Modified-Since), and {@code /broken} that always answers 503.
 */
public class FixtureFeedServer implements QuarkusTestResourceLifecycleManager {

    static final String ETAG = "\"daily-v1\"";
    static final String LAST_MODIFIED = "Thu, 18 Dec 2025 06:00:00 GMT";
    /** Every request as {@code path If-None-Match If-Modified-Since}, in arrival order. */
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    /** When {@code /broken} was requested. */
    static final List<Long> BROKEN_AT_NANOS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/daily.json", exchange -> serve(exchange, Fixtures.DAILY_JSON, "application/json",
                "ETag", ETAG, "If-None-Match"));
        server.createContext("/arxiv.atom", exchange -> serve(exchange, Fixtures.ATOM_FEED, "application/atom+xml",
                "Last-Modified", LAST_MODIFIED, "If-Modified-Since"));
        server.createContext("/broken", exchange -> {
            record(exchange);
            BROKEN_AT_NANOS.add(System.nanoTime());
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.ofEntries(
                Map.entry("paperstream.ingest.sources[0].name", "hf-daily"),
                Map.entry("paperstream.ingest.sources[0].url", base + "/daily.json"),
                Map.entry("paperstream.ingest.sources[0].format", "hf-daily-json"),
                Map.entry("paperstream.ingest.sources[0].interval", "1s"),
                Map.entry("paperstream.ingest.sources[1].name", "arxiv"),
                Map.entry("paperstream.ingest.sources[1].url", base + "/arxiv.atom"),
                Map.entry("paperstream.ingest.sources[1].format", "arxiv-atom"),
                Map.entry("paperstream.ingest.sources[1].interval", "1s"),
                Map.entry("paperstream.ingest.sources[2].name", "broken"),
                Map.entry("paperstream.ingest.sources[2].url", base + "/broken"),
                Map.entry("paperstream.ingest.sources[2].format", "hf-daily-text"),
                Map.entry("paperstream.ingest.sources[2].interval", "1s"),
                Map.entry("paperstream.ingest.sources[2].initial-backoff", "1s"),
                Map.entry("paperstream.ingest.sources[2].max-backoff", "4s"));
    }

    private static void serve(HttpExchange exchange, String fixture, String contentType, String validator,
            String value, String conditionalHeader) throws IOException {
        record(exchange);
        exchange.getResponseHeaders().add(validator, value);
        if (value.equals(exchange.getRequestHeaders().getFirst(conditionalHeader))) {
            exchange.sendResponseHeaders(304, -1);
        } else {
            byte[] body = Fixtures.bytes(fixture);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static void record(HttpExchange exchange) {
        REQUESTS.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("If-None-Match")
                + " " + exchange.getRequestHeaders().getFirst("If-Modified-Since"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
