package dev.paperstream.query.rest;

import java.io.IOException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.hibernate.exception.JDBCConnectionException;

import dev.paperstream.events.ApiError;
import dev.paperstream.events.ApiException;
import dev.paperstream.events.Roles;
import dev.paperstream.query.service.StreamsFullException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error leaves as an {@link ApiError} JSON body, including the framework's own 404/405. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public RestResponse<ApiError> refused(ApiException e) {
        return respond(e.toError());
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(new ApiError(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()));
    }

    /** Elasticsearch unreachable: the request was fine, the client should retry. */
    @ServerExceptionMapper
    public RestResponse<ApiError> searchUnavailable(IOException e) {
        LOG.warnf("Elasticsearch unreachable while serving a request: %s", e.getMessage());
        return RestResponse.ResponseBuilder.<ApiError>create(503)
                .entity(new ApiError(503, "Service Unavailable", "search is unreachable; retry the request later"))
                .header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** Too many live streams on this replica: another replica, or this one a little later, can serve it. */
    @ServerExceptionMapper
    public RestResponse<ApiError> streamsFull(StreamsFullException e) {
        return RestResponse.ResponseBuilder.<ApiError>create(503)
                .entity(new ApiError(503, "Service Unavailable", e.getMessage()))
                .header("Retry-After", "10")
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** No token, or one that does not verify (signature, issuer, expiry). */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public RestResponse<ApiError> unauthenticated(RuntimeException e) {
        return RestResponse.ResponseBuilder.<ApiError>create(401)
                .entity(new ApiError(401, "Unauthorized", "saved searches need a valid bearer token with the role "
                        + Roles.SUBSCRIBER + " or " + Roles.ADMIN + " (locally: deploy/local/stack token "
                        + Roles.SUBSCRIBER + ")"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** A valid token without a role this endpoint allows. */
    @ServerExceptionMapper(ForbiddenException.class)
    public RestResponse<ApiError> forbidden(ForbiddenException e) {
        return RestResponse.ResponseBuilder.<ApiError>create(403)
                .entity(new ApiError(403, "Forbidden", "this token's groups do not allow saved searches; they need "
                        + Roles.SUBSCRIBER + " or " + Roles.ADMIN))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** PostgreSQL (saved searches) unreachable: search still works, this request may be retried. */
    @ServerExceptionMapper
    public RestResponse<ApiError> databaseUnavailable(JDBCConnectionException e) {
        LOG.warnf("PostgreSQL unreachable while serving a request: %s", e.getMessage());
        return RestResponse.ResponseBuilder.<ApiError>create(503)
                .entity(new ApiError(503, "Service Unavailable",
                        "saved searches are unavailable (the database is unreachable); retry later"))
                .header("Retry-After", "10")
                .type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(RuntimeException e) {
        LOG.error("Unexpected failure while serving a request", e);
        return respond(new ApiError(500, "Internal Server Error",
                "The request failed unexpectedly; the service log has the details."));
    }

    private static RestResponse<ApiError> respond(ApiError error) {
        return RestResponse.ResponseBuilder.<ApiError>create(error.status()).entity(error)
                .type(MediaType.APPLICATION_JSON).build();
    }
}
