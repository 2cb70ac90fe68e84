package dev.paperstream.ingest.rest;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.paperstream.events.ApiError;
import dev.paperstream.events.ClientRateLimit;
import dev.paperstream.ingest.config.IngestConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

/** Answers 429 to a client that posts listings faster than {@code paperstream.ingest.writes-per-minute}. */
public class WriteRateLimitFilter {

    private static final Logger LOG = Logger.getLogger(WriteRateLimitFilter.class);

    private final ClientRateLimit limit;

    public WriteRateLimitFilter(IngestConfig config) {
        this.limit = new ClientRateLimit(config.writesPerMinute());
    }

    @ServerRequestFilter
    public Optional<RestResponse<ApiError>> limitWrites(ContainerRequestContext request, HttpServerRequest http) {
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return Optional.empty();
        }
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
        Duration wait = limit.take(client, System.nanoTime());
        if (wait.isZero()) {
            return Optional.empty();
        }
        long seconds = ClientRateLimit.retryAfterSeconds(wait);
        LOG.debugf("Refused a listing from %s: over %d per minute", client, limit.perMinute());
        return Optional.of(RestResponse.ResponseBuilder.<ApiError>create(429)
                .entity(new ApiError(429, "Too Many Requests", "more than " + limit.perMinute()
                        + " listings per minute from this address; retry in " + seconds + " s"))
                .header("Retry-After", seconds)
                .type(MediaType.APPLICATION_JSON).build());
    }
}
