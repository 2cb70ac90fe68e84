package dev.paperstream.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PaperIdentityTest {

    @Test
    void usesArxivIdWithoutVersion() {
        assertThat(PaperIdentity.of("2207.01780v3", "CodeRL")).isEqualTo("2207.01780");
        assertThat(PaperIdentity.of(" 2207.01780 ", "CodeRL")).isEqualTo("2207.01780");
    }

    @Test
    void fallsBackToStableTitleKey() {
        String id = PaperIdentity.of(null, "CodeRL: Mastering Code Generation");

        assertThat(id).matches("t-[0-9a-f]{20}");
        assertThat(PaperIdentity.of("", "CodeRL: Mastering Code Generation")).isEqualTo(id);
    }

    @Test
    void ignoresCaseWhitespacePunctuationAndAccentsInTitles() {
        String id = PaperIdentity.titleKey("CodeRL: Mastering Code Generation");

        assertThat(PaperIdentity.titleKey("coderl   mastering code-generation")).isEqualTo(id);
        assertThat(PaperIdentity.titleKey("  CODERL — Mastering Code Generation. ")).isEqualTo(id);
        assertThat(PaperIdentity.titleKey("Café")).isEqualTo(PaperIdentity.titleKey("cafe"));
        assertThat(PaperIdentity.titleKey("CodeRL: Mastering Code Generation 2")).isNotEqualTo(id);
    }

    @Test
    void keepsTheStoredTitleKeysOfEarlierVersions() {
        // Paper ids are stored and published: the key of a title must never change with the implementation.
        assertThat(PaperIdentity.titleKey("CodeRL: Mastering Code Generation")).isEqualTo("t-1563d26fc77d1dfb5afe");
    }

    @Test
    void normalizesAsciiTitlesExactlyAsTheUnicodeRules() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder title = new StringBuilder();
            int length = random.nextInt(0, 40);
            for (int j = 0; j < length; j++) {
                title.append((char) random.nextInt(0, 0x80));
            }
            String ascii = title.toString();
            assertThat(PaperIdentity.normalizeTitle(ascii)).as("%s", ascii)
                    .isEqualTo(PaperIdentity.normalizeUnicodeTitle(ascii));
        }
    }
}
