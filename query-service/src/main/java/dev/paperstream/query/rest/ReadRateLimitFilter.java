package dev.paperstream.query.rest;

import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.paperstream.events.ClientRateLimit;
import dev.paperstream.query.config.QueryConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

/**
 * Answers 429 to a client that makes more than {@code paperstream.query.reads-per-minute} requests to the API and
 * the pages (health, metrics and static files are not counted: they are not served here).
 */
public class ReadRateLimitFilter {

    private final ClientRateLimit limit;

    public ReadRateLimitFilter(QueryConfig config) {
        this.limit = new ClientRateLimit(config.readsPerMinute());
    }

    @ServerRequestFilter
    public Optional<Response> limitReads(HttpServerRequest http) {
        return limit.refusal(http.remoteAddress() == null ? "unknown" : http.remoteAddress().host(), "requests");
    }
}
