package dev.paperstream.ingest.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The listing fixtures under {@code src/test/resources/listings}. */
public final class Fixtures {

    /** The bundled Daily Papers page text (39 papers). */
    public static final String SAMPLE_TEXT = "hf-daily-papers-2025-12-17.txt";
    /**
     * A daily_papers JSON array of 7 papers: 5 also in the sample text (CodeRL 2207.01780,
     * RealToxicityPrompts 2009.11462, Pretraining LMs with Human Preferences 2302.08582, RLPrompt 2205.12548
     * with its title differently cased and spaced, LLM2LLM 2403.15042) and 2 not (LoRA 2106.09685, DPO 2305.18290).
     */
    public static final String DAILY_JSON = "hf-daily-papers-2025-12-18.json";
    /** The flat {@code /api/papers/2207.01780} object (CodeRL, 9 upvotes). */
    public static final String PAPER_JSON = "hf-paper-2207.01780.json";
    /**
     * An arXiv API feed of 4 entries: CodeRL 2207.01780v3, RealToxicityPrompts 2009.11462v2, Linearly Mapping
     * from Image to Text Space 2209.15162v3 (all in the sample text) and Attention Is All You Need 1706.03762v7.
     */
    public static final String ATOM_FEED = "arxiv-query-2025-12-18.atom.xml";

    private Fixtures() {
    }

    /** The fixture's bytes. */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/listings/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
