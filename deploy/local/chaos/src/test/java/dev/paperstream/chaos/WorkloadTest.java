package dev.paperstream.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void listsEveryPaperByArxivIdInTheEndAndATenthByTitleFirst() {
        List<Workload.Listing> listings = Workload.generate(1_000, 100, 7);

        Set<String> named = new HashSet<>();
        listings.forEach(listing -> named.addAll(listing.arxivIds()));
        assertThat(named).hasSize(1_000).contains(Workload.arxivId(0), Workload.arxivId(999));
        assertThat(papers(listings, Workload.Kind.TITLE_ONLY)).isEqualTo(100);
        assertThat(papers(listings, Workload.Kind.GAINS_ARXIV_ID)).isEqualTo(100);
        assertThat(papers(listings, Workload.Kind.NEW)).isEqualTo(900);
        assertThat(papers(listings, Workload.Kind.UPVOTES)).isBetween(150, 300);
    }

    @Test
    void givesATitleOnlyPaperItsArxivIdOnlyAfterItsTitleListing() {
        List<Workload.Listing> listings = Workload.generate(300, 100, 7);

        int titleListing = indexOf(listings, Workload.Kind.TITLE_ONLY);
        int gainsListing = indexOf(listings, Workload.Kind.GAINS_ARXIV_ID);
        assertThat(gainsListing).isGreaterThan(titleListing);
        String title = new String(listings.get(titleListing).body(), StandardCharsets.UTF_8);
        assertThat(title).contains("Chaos paper 3:");
        assertThat(listings.get(gainsListing).arxivIds()).contains(Workload.arxivId(3));
    }

    @Test
    void isTheSameForTheSameSeed() {
        assertThat(Workload.generate(500, 100, 42)).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(Workload.generate(500, 100, 42));
    }

    private static int papers(List<Workload.Listing> listings, Workload.Kind kind) {
        return listings.stream().filter(l -> l.kind() == kind).mapToInt(Workload.Listing::papers).sum();
    }

    private static int indexOf(List<Workload.Listing> listings, Workload.Kind kind) {
        for (int i = 0; i < listings.size(); i++) {
            if (listings.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }
}
