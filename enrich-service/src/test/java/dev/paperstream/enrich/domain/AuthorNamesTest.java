package dev.paperstream.enrich.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorNamesTest {

    @Test
    void foldsWhitespaceAndCaseIntoOneKey() {
        assertThat(AuthorNames.key("  Ada\u00a0 LOVELACE ")).isEqualTo(AuthorNames.key("ada lovelace"));
        assertThat(AuthorNames.clean("  Ada\u00a0 Lovelace ")).isEqualTo("Ada Lovelace");
    }

    @Test
    void cutsANameLongerThanTheColumnInsteadOfRefusingThePaper() {
        String runTogether = "Author Name, ".repeat(100);

        assertThat(AuthorNames.clean(runTogether)).hasSizeLessThanOrEqualTo(AuthorNames.MAX_LENGTH)
                .startsWith("Author Name, Author Name");
        // Lower-casing İ (one char) gives two: the key is cut again after it.
        assertThat(AuthorNames.key("İ".repeat(AuthorNames.MAX_LENGTH)))
                .hasSizeLessThanOrEqualTo(AuthorNames.MAX_LENGTH);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String name = "a".repeat(AuthorNames.MAX_LENGTH - 1) + "\uD83D\uDE00tail"; // an emoji NFKC leaves alone

        String cut = AuthorNames.clean(name);

        assertThat(cut).hasSize(AuthorNames.MAX_LENGTH - 1);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }
}
