package dev.paperstream.enrich.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.paperstream.enrich.domain.AuthorNames;
import dev.paperstream.enrich.persistence.AuthorEntity;
import dev.paperstream.enrich.persistence.AuthorRepository;
import dev.paperstream.events.ApiException;
import dev.paperstream.events.AuthorPapers;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

/** Authors and the number of distinct papers seen by each. */
@Path("/authors")
@Produces(MediaType.APPLICATION_JSON)
public class AuthorResource {

    static final int MAX_TOP = 100;

    private final AuthorRepository authors;

    public AuthorResource(AuthorRepository authors) {
        this.authors = authors;
    }

    @GET
    @Operation(summary = "The authors with the most papers, most first")
    public List<AuthorPapers> top(
            @Parameter(description = "How many, 1 to 100") @QueryParam("top") @DefaultValue("10") String top) {
        return authors.top(parseTop(top)).stream().map(AuthorResource::toResponse).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One author's paper count; names match ignoring case and extra spaces")
    public AuthorPapers get(@PathParam("name") String name) {
        return authors.findByIdOptional(AuthorNames.key(name)).map(AuthorResource::toResponse)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "no author named '" + name + "'"));
    }

    private static AuthorPapers toResponse(AuthorEntity author) {
        return new AuthorPapers(author.name, author.papers);
    }

    private static int parseTop(String top) {
        try {
            int value = Integer.parseInt(top.strip());
            if (value >= 1 && value <= MAX_TOP) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(Status.BAD_REQUEST, "top must be a whole number from 1 to " + MAX_TOP + ", was '"
                + top + "'");
    }
}
