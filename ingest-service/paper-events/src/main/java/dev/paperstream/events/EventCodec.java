package dev.paperstream.events;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON encoding of the paper events, with the validation every consumer applies before trusting one.
 * Unknown fields are ignored so that a newer producer can add fields without breaking older consumers.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private EventCodec() {
    }

    /** Serializes any event of this contract. */
    public static String encode(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates a {@code papers.listed} record value. */
    public static PaperEvent decodePaperEvent(String json) {
        PaperEvent event = read(json, PaperEvent.class);
        checkSchemaVersion(event.schemaVersion());
        require(event.eventId() != null, "eventId is missing");
        require(event.eventType() != null, "eventType is missing");
        checkIdentity(event.paperId(), event.version());
        require(event.occurredAt() != null, "occurredAt is missing");
        checkPaper(event.paper());
        return event;
    }

    /** Reads and validates a {@code papers.enriched} record value. */
    public static EnrichedPaperEvent decodeEnrichedPaperEvent(String json) {
        EnrichedPaperEvent event = read(json, EnrichedPaperEvent.class);
        checkSchemaVersion(event.schemaVersion());
        require(event.eventId() != null, "eventId is missing");
        checkIdentity(event.paperId(), event.version());
        require(event.occurredAt() != null, "occurredAt is missing");
        checkPaper(event.paper());
        return event;
    }

    private static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("record value is empty");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidEventException("record value is JSON null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSchemaVersion(int schemaVersion) {
        require(schemaVersion >= 1 && schemaVersion <= PaperEvent.SCHEMA_VERSION,
                "schemaVersion " + schemaVersion + " is not supported (1.." + PaperEvent.SCHEMA_VERSION + ")");
    }

    private static void checkIdentity(String paperId, long version) {
        require(paperId != null && !paperId.isBlank(), "paperId is missing");
        require(version >= 1, "version must be at least 1, was " + version);
    }

    private static void checkPaper(PaperSnapshot paper) {
        require(paper != null, "paper is missing");
        require(paper.title() != null && !paper.title().isBlank(), "paper.title is missing");
        require(paper.upvotes() >= 0, "paper.upvotes must not be negative");
        require(paper.authorCount() == null || paper.authorCount() >= 1, "paper.authorCount must be at least 1");
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new InvalidEventException(reason);
        }
    }
}
