package dev.paperstream.query.rest;

import java.time.Duration;
import java.util.Optional;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.paperstream.events.ApiError;
import dev.paperstream.events.ClientRateLimit;
import dev.paperstream.query.config.QueryConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;

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
    public Optional<RestResponse<ApiError>> limitReads(HttpServerRequest http) {
        String client = http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
        Duration wait = limit.take(client, System.nanoTime());
        if (wait.isZero()) {
            return Optional.empty();
        }
        long seconds = ClientRateLimit.retryAfterSeconds(wait);
        return Optional.of(RestResponse.ResponseBuilder.<ApiError>create(429)
                .entity(new ApiError(429, "Too Many Requests", "more than " + limit.perMinute()
                        + " requests per minute from this address; retry in " + seconds + " s"))
                .header("Retry-After", seconds)
                .type(MediaType.APPLICATION_JSON).build());
    }
}
