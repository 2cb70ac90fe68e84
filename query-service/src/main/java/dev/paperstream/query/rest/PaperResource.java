package dev.paperstream.query.rest;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.paperstream.query.persistence.PaperIndex;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

/** Search over the indexed papers. */
@Path("/papers")
@Produces(MediaType.APPLICATION_JSON)
public class PaperResource {

    static final int MAX_SIZE = 100;

    private final PaperIndex index;

    public PaperResource(PaperIndex index) {
        this.index = index;
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search papers", description = "Full text over title (boosted), abstract, tags,"
            + " organization and authors; without q, every paper, newest first.")
    public SearchResponse search(
            @Parameter(description = "Search text (simple query string syntax)") @QueryParam("q") String q,
            @Parameter(description = "Hits per page, 1 to 100") @QueryParam("size") @DefaultValue("20") String size)
            throws IOException {
        int pageSize = parseSize(size);
        Optional<String> text = Optional.ofNullable(q).map(String::strip).filter(s -> !s.isEmpty());
        PaperIndex.Page page = index.search(text, pageSize);
        return new SearchResponse(page.total(), page.hits().stream().map(PaperHit::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One paper by id")
    public PaperHit get(@PathParam("id") String id) throws IOException {
        return index.get(id).map(PaperHit::of)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "no paper with id " + id));
    }

    private static int parseSize(String size) {
        try {
            int value = Integer.parseInt(size.strip());
            if (value >= 1 && value <= MAX_SIZE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(Status.BAD_REQUEST, "size must be a whole number from 1 to " + MAX_SIZE
                + ", was '" + size + "'");
    }
}
