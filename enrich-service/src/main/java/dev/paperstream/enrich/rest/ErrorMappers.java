package dev.paperstream.enrich.rest;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.paperstream.events.ApiError;
import dev.paperstream.events.ApiException;
import jakarta.ws.rs.WebApplicationException;
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

    /** PostgreSQL unreachable: the request was fine, the client should retry. */
    @ServerExceptionMapper
    public RestResponse<ApiError> databaseUnavailable(JDBCConnectionException e) {
        LOG.warnf("PostgreSQL unreachable while serving a request: %s", e.getMessage());
        return RestResponse.ResponseBuilder.<ApiError>create(503)
                .entity(new ApiError(503, "Service Unavailable", "the database is unreachable; retry later"))
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
