package dev.paperstream.query.rest;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import dev.paperstream.events.ApiException;
import dev.paperstream.events.Roles;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.Subscription;
import dev.paperstream.query.domain.SubscriptionFilters;
import dev.paperstream.query.service.Subscriptions;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Saved searches: their owner's to create, read and delete; matching papers reach a webhook and a private feed. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SubscriptionResource {

    private static final int DELIVERIES_SHOWN = 50;

    private final Subscriptions subscriptions;
    private final FeedResource feeds;
    private final SecurityIdentity identity;

    public SubscriptionResource(Subscriptions subscriptions, FeedResource feeds, SecurityIdentity identity) {
        this.subscriptions = subscriptions;
        this.feeds = feeds;
        this.identity = identity;
    }

    /** {@code POST /subscriptions}. */
    public record CreateRequest(String name, Filters filters, Webhook webhook) {
    }

    /** The search's filters, as {@code /papers/search} takes them. */
    public record Filters(String q, List<String> tag, List<String> organization, List<String> year,
            List<String> teamSize, String hasCode) {
    }

    /** Where to post matching papers, and the key of their signature. */
    public record Webhook(String url, String secret) {
    }

    /** A saved search as shown to its owner (the webhook's secret is never shown). */
    public record SubscriptionView(String id, String name, SubscriptionFilters filters, String feed,
            WebhookView webhook, Instant createdAt) {
    }

    public record WebhookView(String url) {
    }

    /** A delivery: where its attempts stand, and each attempt. */
    public record DeliveryView(String deliveryId, int papers, String status, int attempts, Integer lastStatus,
            String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, List<AttemptView> log) {
    }

    public record AttemptView(Instant at, Integer statusCode, String error) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUBSCRIBER, Roles.ADMIN })
    @Operation(summary = "Save a search", description = "Papers that match it from now on are posted to the webhook"
            + " (if given), signed with X-Paperstream-Signature: sha256=<hex HMAC-SHA256 of the body>, and listed in"
            + " the subscription's own Atom feed.")
    public RestResponse<SubscriptionView> create(CreateRequest body, @Context UriInfo uri) {
        if (body == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "a JSON body {\"name\",\"filters\",\"webhook\"} is"
                    + " required");
        }
        Filters f = body.filters() == null ? new Filters(null, null, null, null, null, null) : body.filters();
        SearchFilters checked = SearchParameters.filters(f.q(), f.tag(), f.organization(), f.year(), f.teamSize(),
                f.hasCode(), null, null);
        Subscription saved;
        try {
            saved = subscriptions.create(caller(), body.name(), SubscriptionFilters.of(checked),
                    body.webhook() == null ? null : body.webhook().url(),
                    body.webhook() == null ? null : body.webhook().secret());
        } catch (IllegalArgumentException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, e.getMessage());
        }
        URI location = uri.getBaseUriBuilder().path("subscriptions").path(saved.id()).build();
        return RestResponse.ResponseBuilder.<SubscriptionView>created(location).entity(view(saved, uri)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SUBSCRIBER, Roles.ADMIN })
    @Operation(summary = "A saved search of the caller's (any, for an admin)")
    public SubscriptionView get(@PathParam("id") String id, @Context UriInfo uri) {
        return subscriptions.find(caller(), id).map(s -> view(s, uri)).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.SUBSCRIBER, Roles.ADMIN })
    @Operation(summary = "Delete a saved search of the caller's, with its pending deliveries")
    public RestResponse<Void> delete(@PathParam("id") String id) {
        if (!subscriptions.delete(caller(), id)) {
            throw notFound(id);
        }
        return RestResponse.noContent();
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({ Roles.SUBSCRIBER, Roles.ADMIN })
    @Operation(summary = "The newest 50 webhook deliveries: status, attempts, status codes, next retry")
    public List<DeliveryView> deliveries(@PathParam("id") String id) {
        return subscriptions.deliveries(caller(), id, DELIVERIES_SHOWN).orElseThrow(() -> notFound(id)).stream()
                .map(r -> new DeliveryView(r.delivery().id, r.delivery().papers, r.delivery().status,
                        r.delivery().attempts, r.delivery().lastStatus, r.delivery().lastError,
                        r.delivery().createdAt, r.delivery().status.equals("pending") ? r.delivery().nextAttemptAt
                                : null,
                        r.delivery().deliveredAt, r.attempts().stream()
                                .map(a -> new AttemptView(a.attemptedAt, a.statusCode, a.error)).toList()))
                .toList();
    }

    @GET
    @Path("/{id}/feed.atom")
    @Produces(FeedResource.ATOM)
    @Operation(summary = "The saved search's own Atom feed", description = "Opened by the token in its URL (the"
            + " 'feed' of the subscription); no bearer token needed, so feed readers can poll it.")
    public Response feed(@PathParam("id") String id, @QueryParam("token") String token, @Context UriInfo uri,
            @Context Request request) throws IOException {
        Subscription saved = subscriptions.byFeedToken(id, token).orElseThrow(() -> notFound(id));
        SubscriptionFilters f = saved.filters();
        return feeds.feed("atom", uri, request, f.q(), f.tag(), f.organization(),
                f.year().stream().map(String::valueOf).toList(), f.teamSize(),
                f.hasCode() == null ? null : f.hasCode().toString(), null, null, "50");
    }

    private Subscriptions.Caller caller() {
        return new Subscriptions.Caller(identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN));
    }

    private static SubscriptionView view(Subscription s, UriInfo uri) {
        String feed = uri.getBaseUriBuilder().path("subscriptions").path(s.id()).path("feed.atom")
                .queryParam("token", s.feedToken()).build().toString();
        return new SubscriptionView(s.id(), s.name(), s.filters(), feed,
                s.webhookUrl().map(u -> new WebhookView(u.toString())).orElse(null), s.createdAt());
    }

    private static ApiException notFound(String id) {
        return new ApiException(Response.Status.NOT_FOUND, "no subscription " + id + " of yours");
    }
}
