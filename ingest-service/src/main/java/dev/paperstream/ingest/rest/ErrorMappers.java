package dev.paperstream.ingest.rest;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.paperstream.events.ApiError;
import dev.paperstream.events.ApiException;
import dev.paperstream.events.Roles;
import dev.paperstream.events.SqlFailures;
import dev.paperstream.ingest.persistence.StoreException;
import dev.paperstream.ingest.service.ConcurrentListingsException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error leaves as an {@link ApiError} JSON body, including the framework's own 404/405/415. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public RestResponse<ApiError> refused(ApiException e) {
        ApiError error = e.toError();
        return respond(error);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        ApiError error = new ApiError(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
        return respond(error);
    }

    /** No token, or one that does not verify (signature, issuer, expiry). */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public RestResponse<ApiError> unauthenticated(RuntimeException e) {
        return RestResponse.ResponseBuilder.<ApiError>create(401)
                .entity(new ApiError(401, "Unauthorized", "posting a listing needs a valid bearer token with the role "
                        + Roles.INGEST + " or " + Roles.ADMIN + " (locally: deploy/local/stack token " + Roles.INGEST + ")"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** A valid token without a role this endpoint allows. */
    @ServerExceptionMapper(ForbiddenException.class)
    public RestResponse<ApiError> forbidden(ForbiddenException e) {
        return respond(new ApiError(403, "Forbidden", "this token's groups do not allow posting listings; it needs "
                + Roles.INGEST + " or " + Roles.ADMIN));
    }

    /** PostgreSQL unreachable: the request was fine, the client should retry; nothing was stored. */
    @ServerExceptionMapper
    public RestResponse<ApiError> databaseUnavailable(JDBCConnectionException e) {
        return unavailable(e.getMessage());
    }

    private static RestResponse<ApiError> unavailable(String cause) {
        LOG.warnf("PostgreSQL unreachable while serving a request: %s", cause);
        return RestResponse.ResponseBuilder.<ApiError>create(503)
                .entity(new ApiError(503, "Service Unavailable",
                        "the database is unreachable; nothing was stored, retry the request later"))
                .header("Retry-After", "10")
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * A JDBC failure of the paper store: unreachable or restarting ({@link SqlFailures}, or no connection to be
     * had) is a 503 like above; a value the database cannot store (class 22, data exception) is the request's fault, a 400, and
     * means a validation is missing; anything else is unexpected.
     */
    @ServerExceptionMapper
    public RestResponse<ApiError> store(StoreException e) {
        String state = e.sqlState();
        if (state == null || SqlFailures.isTransientState(state)) {
            return unavailable(e.getMessage());
        }
        if (state.startsWith("22")) {
            LOG.warnf("A listing reached PostgreSQL with a value it cannot store: %s", e.getMessage());
            return respond(new ApiError(400, "Bad Request",
                    "the listing holds a value that cannot be stored; nothing was stored: " + e.getMessage()));
        }
        return unexpected(e);
    }

    /** Contention, not a fault of the request: the client may simply post it again. */
    @ServerExceptionMapper
    public RestResponse<ApiError> contention(ConcurrentListingsException e) {
        LOG.warnf("%s (last conflict: %s)", e.getMessage(), e.getCause().getMessage());
        return RestResponse.ResponseBuilder.<ApiError>create(503)
                .entity(new ApiError(503, "Service Unavailable", e.getMessage() + "; retry the request"))
                .header("Retry-After", "1")
                .type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(RuntimeException e) {
        if (SqlFailures.isTransient(e)) {
            // e.g. "not yet accepting connections" while PostgreSQL recovers from a crash: a 503, not a 500
            return unavailable(e.getMessage());
        }
        LOG.error("Unexpected failure while serving a request", e);
        ApiError error = new ApiError(500, "Internal Server Error",
                "The request failed unexpectedly; the service log has the details.");
        return respond(error);
    }

    private static RestResponse<ApiError> respond(ApiError error) {
        return RestResponse.ResponseBuilder.<ApiError>create(error.status()).entity(error)
                .type(MediaType.APPLICATION_JSON).build();
    }
}
