package dev.paperstream.enrich.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamSizeTest {

    @Test
    void bandsAuthorCounts() {
        assertThat(TeamSize.of(1)).isEqualTo(TeamSize.SOLO);
        assertThat(TeamSize.of(2)).isEqualTo(TeamSize.SMALL);
        assertThat(TeamSize.of(4)).isEqualTo(TeamSize.SMALL);
        assertThat(TeamSize.of(5)).isEqualTo(TeamSize.MEDIUM);
        assertThat(TeamSize.of(9)).isEqualTo(TeamSize.MEDIUM);
        assertThat(TeamSize.of(10)).isEqualTo(TeamSize.LARGE);
        assertThat(TeamSize.of(15).id()).isEqualTo("large");
    }

    @Test
    void unknownCountHasNoBand() {
        assertThat(TeamSize.of(null)).isNull();
        assertThat(TeamSize.of(0)).isNull();
    }
}
