package dev.paperstream.ingest.rest;

import java.util.Optional;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.paperstream.events.ClientRateLimit;
import dev.paperstream.ingest.config.IngestConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** Answers 429 to a client that posts listings faster than {@code paperstream.ingest.writes-per-minute}. */
public class WriteRateLimitFilter {

    private static final Logger LOG = Logger.getLogger(WriteRateLimitFilter.class);

    private final ClientRateLimit limit;

    public WriteRateLimitFilter(IngestConfig config) {
        this.limit = new ClientRateLimit(config.writesPerMinute());
    }

    @ServerRequestFilter
    public Optional<Response> limitWrites(ContainerRequestContext request, HttpServerRequest http) {
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return Optional.empty();
        }
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
        Optional<Response> refusal = limit.refusal(client, "listings");
        refusal.ifPresent(r -> LOG.debugf("Refused a listing from %s: over %d per minute", client, limit.perMinute()));
        return refusal;
    }
}
