package dev.paperstream.ingest.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** The parser of each format, for bodies fetched from a feed (text is read as strict UTF-8). */
public final class ListingParsers {

    private final DailyPapersTextParser text = new DailyPapersTextParser();
    private final HfDailyPapersJsonParser json = new HfDailyPapersJsonParser();
    private final ArxivAtomParser atom = new ArxivAtomParser();

    /**
     * Parses a body of the given format.
     *
     * @throws ListingParseException when the body is not a listing of that format
     */
    public ParsedListing parse(ListingFormat format, byte[] body, LocalDate asOf) {
        return switch (format) {
            case HF_DAILY_TEXT -> text.parse(utf8(body), asOf);
            case HF_DAILY_JSON -> json.parse(body, asOf);
            case ARXIV_ATOM -> atom.parse(body, asOf);
        };
    }

    private static String utf8(byte[] body) {
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            if (decoded.indexOf('\0') >= 0) {
                throw new ListingParseException("body contains NUL characters: binary data is not a listing");
            }
            return decoded;
        } catch (CharacterCodingException e) {
            throw new ListingParseException("body is not valid UTF-8 text");
        }
    }
}
