package dev.paperstream.ingest.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.paperstream.ingest.service.SourcePoller;
import dev.paperstream.ingest.service.SourceStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The feeds polled on a schedule and how their last polls went. */
@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    private final SourcePoller poller;

    public SourceResource(SourcePoller poller) {
        this.poller = poller;
    }

    @GET
    @Operation(summary = "Configured feeds with their last poll, status, validators and next poll")
    public List<SourceStatus> list() {
        return poller.statuses();
    }
}
