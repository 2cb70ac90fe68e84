package dev.paperstream.ingest.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import dev.paperstream.events.ApiException;
import dev.paperstream.events.Roles;
import dev.paperstream.ingest.config.IngestConfig;
import dev.paperstream.ingest.domain.ArxivAtomParser;
import dev.paperstream.ingest.domain.DailyPapersTextParser;
import dev.paperstream.ingest.domain.HfDailyPapersJsonParser;
import dev.paperstream.ingest.domain.ListingDates;
import dev.paperstream.ingest.domain.ListingFormat;
import dev.paperstream.ingest.domain.ListingParseException;
import dev.paperstream.ingest.domain.PaperText;
import dev.paperstream.ingest.domain.ParsedListing;
import dev.paperstream.ingest.service.ListingIngestion;
import dev.paperstream.ingest.service.ListingSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

/** Receives paper listings and reports what each one changed. */
@Path("/listings")
@Produces(MediaType.APPLICATION_JSON)
public class ListingResource {

    /** Longest {@code source} accepted (the column holds 500 characters). */
    static final int MAX_SOURCE_LENGTH = 500;
    /** Listing ids are {@code l-} and a UUID; anything else cannot name a listing. */
    private static final Pattern LISTING_ID = Pattern.compile("l-[0-9a-f-]{36}");
    private static final String SUPPORTED = "send a Daily Papers page as text/plain, Hugging Face daily_papers"
            + " JSON as application/json, or an arXiv API feed as application/atom+xml";
    private static final Map<ListingFormat, String> DESCRIPTIONS = Map.of(
            ListingFormat.HF_DAILY_TEXT, "a Daily Papers listing",
            ListingFormat.HF_DAILY_JSON, "Hugging Face daily_papers JSON",
            ListingFormat.ARXIV_ATOM, "an arXiv Atom feed");

    private final DailyPapersTextParser textParser = new DailyPapersTextParser();
    private final HfDailyPapersJsonParser jsonParser = new HfDailyPapersJsonParser();
    private final ArxivAtomParser atomParser = new ArxivAtomParser();
    private final ListingIngestion ingestion;
    private final IngestConfig config;

    public ListingResource(ListingIngestion ingestion, IngestConfig config) {
        this.ingestion = ingestion;
        this.config = config;
    }

    @POST
    @RolesAllowed({ Roles.INGEST, Roles.ADMIN })
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Ingest a listing", description = "A Hugging Face Daily Papers page as text/plain,"
            + " Hugging Face daily_papers JSON (array, or one /api/papers/{id} object) as application/json, or an"
            + " arXiv API Atom feed as application/atom+xml. Each new or changed paper is published on papers.listed;"
            + " unreadable entries are reported in 'rejected'.")
    public RestResponse<ListingSummary> post(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Day the listing was saved (YYYY-MM-DD, default today UTC); anchors dates without a year")
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Where the listing came from, kept as provenance")
            @QueryParam("source") @DefaultValue("api") String source,
            byte[] body) {
        MediaType mediaType = mediaType(contentType);
        ListingFormat format = formatOf(mediaType, contentType);
        long limit = config.maxListingSize().asLongValue();
        if (body.length > limit) {
            throw new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "listing is " + body.length
                    + " bytes; the limit is " + limit + " bytes (paperstream.ingest.max-listing-size)");
        }
        validateSource(source);
        Instant receivedAt = Instant.now();
        LocalDate givenAsOf = parseAsOf(asOf);
        LocalDate anchor = givenAsOf != null ? givenAsOf : LocalDate.now(ZoneOffset.UTC);
        ParsedListing parsed;
        try {
            parsed = switch (format) {
                case HF_DAILY_TEXT -> textParser.parse(decode(body, mediaType), anchor);
                case HF_DAILY_JSON -> jsonParser.parse(body, anchor);
                case ARXIV_ATOM -> atomParser.parse(body, anchor);
            };
        } catch (ListingParseException e) {
            throw new ApiException(Status.BAD_REQUEST, "body is not " + DESCRIPTIONS.get(format) + ": " + e.getMessage());
        }
        parsed = parsed.storable();
        if (parsed.papers().isEmpty()) {
            throw new ApiException(Status.BAD_REQUEST, "none of the " + parsed.entries()
                    + " entries could be read as a paper", parsed.rejected());
        }
        return RestResponse.status(Status.ACCEPTED, ingestion.record(parsed, source, body,
                ListingDates.observedAt(givenAsOf, receivedAt)));
    }

    @GET
    @Path("/{listingId}")
    @Operation(summary = "What a listing held and changed, as stored")
    public ListingSummary get(@PathParam("listingId") String listingId) {
        if (!LISTING_ID.matcher(listingId).matches()) {
            throw new ApiException(Status.NOT_FOUND, "no listing with id " + PaperText.abbreviate(listingId.replace('\0', '?'))
                    + "; listing ids look like l-<uuid>");
        }
        return ingestion.find(listingId).orElseThrow(
                () -> new ApiException(Status.NOT_FOUND, "no listing with id " + listingId));
    }

    /** The format a Content-Type declares; any other type is refused with 415. */
    private static ListingFormat formatOf(MediaType mediaType, String contentType) {
        String type = mediaType.getType().toLowerCase(Locale.ROOT) + "/" + mediaType.getSubtype().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/plain" -> ListingFormat.HF_DAILY_TEXT;
            case "application/json" -> ListingFormat.HF_DAILY_JSON;
            case "application/atom+xml" -> ListingFormat.ARXIV_ATOM;
            default -> throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + contentType
                    + " is not supported; " + SUPPORTED);
        };
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "Content-Type is missing; " + SUPPORTED);
        }
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + contentType + " is malformed");
        }
    }

    private static void validateSource(String source) {
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new ApiException(Status.BAD_REQUEST, "source is " + source.length() + " characters; at most "
                    + MAX_SOURCE_LENGTH + " are kept");
        }
        if (source.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(Status.BAD_REQUEST, "source must not contain control characters");
        }
    }

    /** The {@code asOf} date, or null when none was given. */
    private static LocalDate parseAsOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(Status.BAD_REQUEST, "asOf must be a date as YYYY-MM-DD, was '"
                    + PaperText.abbreviate(asOf.replace('\0', '?')) + "'");
        }
    }

    /** Decodes strictly: malformed bytes are an error, never replacement characters in a title. */
    private static String decode(byte[] body, MediaType mediaType) {
        Charset charset = charset(mediaType);
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(Status.BAD_REQUEST, "body is not valid " + charset.name() + " text");
        }
        if (text.indexOf('\0') >= 0) {
            throw new ApiException(Status.BAD_REQUEST, "body contains NUL characters: binary data is not a listing");
        }
        return text;
    }

    private static Charset charset(MediaType mediaType) {
        String name = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "charset " + name + " is not supported; use UTF-8");
        }
    }
}
