package dev.paperstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final PaperSnapshot PAPER = new PaperSnapshot(null, "CodeRL", "Program synthesis.",
            LocalDate.of(2022, 7, 4), 3, 5, List.of(), null, List.of(), null, null, List.of(), null, List.of());

    @Test
    void roundTripsPaperEventWithIsoDates() {
        PaperEvent event = new PaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(), PaperEventType.PaperListed,
                "t-abc", 1, Instant.parse("2025-12-17T10:00:00Z"), "l-1", PAPER);

        String json = EventCodec.encode(event);

        assertThat(json).contains("\"publishedOn\":\"2022-07-04\"").contains("\"schemaVersion\":1");
        assertThat(EventCodec.decodePaperEvent(json)).isEqualTo(event);
    }

    @Test
    void ignoresFieldsAddedByNewerProducers() {
        PaperEvent event = new PaperEvent(1, UUID.randomUUID(), PaperEventType.PaperUpdated, "2207.01780", 2,
                Instant.now(), "l-2", PAPER);
        String json = EventCodec.encode(event).replaceFirst("\\{", "{\"futureField\":true,");

        assertThat(EventCodec.decodePaperEvent(json).paperId()).isEqualTo("2207.01780");
    }

    @Test
    void rejectsRecordsThatAreNotEvents() {
        assertThatThrownBy(() -> EventCodec.decodePaperEvent("not json"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a valid PaperEvent");
        assertThatThrownBy(() -> EventCodec.decodePaperEvent(""))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> EventCodec.decodePaperEvent("null"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("null");
    }

    @Test
    void rejectsEventWithoutTitleOrIdentity() {
        PaperSnapshot untitled = new PaperSnapshot(null, " ", "", null, 0, null, null, null, null, null, null,
                List.of(), null, List.of());
        String noTitle = EventCodec.encode(new PaperEvent(1, UUID.randomUUID(), PaperEventType.PaperListed, "t-1", 1,
                Instant.now(), "l", untitled));
        String noId = EventCodec.encode(new PaperEvent(1, UUID.randomUUID(), PaperEventType.PaperListed, "", 1,
                Instant.now(), "l", PAPER));

        assertThatThrownBy(() -> EventCodec.decodePaperEvent(noTitle)).hasMessage("paper.title is missing");
        assertThatThrownBy(() -> EventCodec.decodePaperEvent(noId)).hasMessage("paperId is missing");
    }

    @Test
    void rejectsSchemaVersionFromTheFuture() {
        String json = EventCodec.encode(new EnrichedPaperEvent(99, UUID.randomUUID(), "t-1", 1, Instant.now(), "1",
                PAPER, List.of("reasoning"), 5, "medium", List.of(), List.of(), false));

        assertThatThrownBy(() -> EventCodec.decodeEnrichedPaperEvent(json))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("schemaVersion 99");
    }
}
