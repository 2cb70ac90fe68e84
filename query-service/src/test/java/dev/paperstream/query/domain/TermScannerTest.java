package dev.paperstream.query.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TermScannerTest {

    @Test
    void findsOverlappingAndNestedTermsInOnePass() {
        TermScanner scanner = new TermScanner(List.of("he", "she", "his", "hers", "absent"));
        assertThat(scanner.find("ushers")).containsExactlyInAnyOrder("he", "she", "hers");
        assertThat(scanner.find("this")).containsExactly("his");
        assertThat(scanner.find("nothing here")).containsExactlyInAnyOrder("he");
        assertThat(scanner.find("")).isEmpty();
    }

    @Test
    void findsWhatStringContainsFinds() {
        List<String> terms = List.of("diffusion", "fusion", "sion", "model", "odel", "del", "language", "rl", "agent");
        TermScanner scanner = new TermScanner(terms);
        String text = "a diffusion language model for world agents";
        assertThat(scanner.find(text)).containsExactlyInAnyOrderElementsOf(
                terms.stream().filter(text::contains).toList());
    }
}
