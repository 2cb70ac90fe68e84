package dev.paperstream.query.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.paperstream.events.EnrichedPaperEvent;
import dev.paperstream.events.EventCodec;
import dev.paperstream.events.PaperEvent;
import dev.paperstream.events.PaperSnapshot;
import dev.paperstream.ingest.domain.DailyPapersTextParser;
import dev.paperstream.ingest.domain.ListedPaper;
import dev.paperstream.query.domain.SearchFilters;
import dev.paperstream.query.domain.SortOrder;
import dev.paperstream.query.persistence.PaperIndex;
import dev.paperstream.query.service.BulkIndexer;
import dev.paperstream.query.service.IncomingPaper;
import dev.paperstream.query.service.TextEmbedder;
import dev.paperstream.query.service.PaperSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Known-item search quality: every paper of a sample listing (text pages, parsed by ingest's parser) is indexed
 * among generated papers, then searched for by five variants of its title — exact, lower-cased, without
 * punctuation, with one typo, its first five words — through {@link PaperSearch}. Prints the mean reciprocal rank
 * (MRR, top 10) per variant and the queries that missed. The sample titles were not used to tune the query.
 * Arguments: {@code [generated papers] [listing files…]}, defaults 20000 and the bundled sample listing.
 */
public final class KnownItemBenchmark {

    private static final int TOP = 10;

    private KnownItemBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int generated = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path root = Path.of(System.getProperty("paperstream.root", System.getProperty("maven.multiModuleProjectDirectory",
                "."))).toAbsolutePath();
        List<Path> listings = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            listings.add(Path.of(args[i]));
        }
        if (listings.isEmpty()) {
            listings.add(root.resolve("deploy/local/sample/hf-daily-papers-2025-12-17.txt"));
        }
        List<EnrichedPaperEvent> known = samplePapers(listings);
        String host = Optional.ofNullable(System.getenv("PAPERSTREAM_ELASTICSEARCH_HOSTS")).orElse("127.0.0.1:9200")
                .split(",")[0];
        String run = "bench-known-" + Long.toString(System.currentTimeMillis(), 36);
        ObjectMapper json = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (RestClient client = RestClient.builder(HttpHost.create("http://" + host)).build()) {
            PaperIndex index = new PaperIndex(client, json, run, 1, 0);
            try {
                System.out.printf("Known items: %d papers from %s, among %,d generated papers; index %s%n",
                        known.size(), listings, generated, run);
                BulkIndexer indexing = new BulkIndexer(index, new TextEmbedder(1, 2), new SimpleMeterRegistry(), PaperSearchBenchmark.config());
                CorpusGenerator corpus = new CorpusGenerator(Instant.now());
                List<IncomingPaper> batch = new ArrayList<>();
                for (int n = 0; n < generated; n++) {
                    add(batch, corpus.paper(n), indexing);
                }
                for (EnrichedPaperEvent paper : known) {
                    add(batch, paper, indexing);
                }
                indexing.index(batch);
                index.refresh();
                measure(new PaperSearch(index), known);
            } finally {
                index.deleteIndex();
            }
        }
    }

    private static void measure(PaperSearch search, List<EnrichedPaperEvent> known) throws Exception {
        Map<String, UnaryOperator<String>> variants = new LinkedHashMap<>();
        variants.put("exact", title -> title);
        variants.put("lower-cased", title -> title.toLowerCase(Locale.ROOT));
        variants.put("no punctuation", title -> title.replaceAll("[^\\p{L}\\p{N}\\s]", " ").replaceAll("\\s+", " ").strip());
        variants.put("one typo", KnownItemBenchmark::typo);
        variants.put("first five words", title -> String.join(" ", List.of(title.split("\\s+")).subList(0,
                Math.min(5, title.split("\\s+").length))));
        System.out.println();
        System.out.println("| variant | queries | MRR@10 | first | in top 10 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        double allRanks = 0;
        int allQueries = 0;
        List<String> misses = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<String>> variant : variants.entrySet()) {
            double reciprocal = 0;
            int first = 0;
            int found = 0;
            for (EnrichedPaperEvent paper : known) {
                String typed = variant.getValue().apply(paper.paper().title());
                int rank = rank(search, typed, paper.paperId());
                if (rank > 0) {
                    reciprocal += 1.0 / rank;
                    found++;
                    first += rank == 1 ? 1 : 0;
                }
                if (rank != 1) {
                    misses.add(String.format(Locale.ROOT, "%s: rank %s for \"%s\"", variant.getKey(),
                            rank == 0 ? "> " + TOP : Integer.toString(rank), typed));
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %d | %d |%n", variant.getKey(), known.size(),
                    reciprocal / known.size(), first, found);
            allRanks += reciprocal;
            allQueries += known.size();
        }
        System.out.printf(Locale.ROOT, "| all | %d | %.3f | | |%n", allQueries, allRanks / allQueries);
        System.out.println();
        misses.forEach(miss -> System.out.println("not first: " + miss));
    }

    private static int rank(PaperSearch search, String typed, String id) throws Exception {
        SearchFilters filters = new SearchFilters(Optional.of(typed), Set.of(), Set.of(), Set.of(), Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
        List<String> ids = search.search(filters, SortOrder.RELEVANCE, SearchMode.KEYWORD, TOP, Optional.empty()).result().hits().stream()
                .map(hit -> hit.paper().id()).toList();
        return ids.indexOf(id) + 1;
    }

    /** Swaps two letters in the middle of the title's longest word: a transposition, the commonest typo. */
    static String typo(String title) {
        String[] words = title.split("\\s+");
        int longest = 0;
        for (int i = 1; i < words.length; i++) {
            if (words[i].length() > words[longest].length()) {
                longest = i;
            }
        }
        String word = words[longest];
        if (word.length() >= 4) {
            int at = word.length() / 2;
            words[longest] = word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
        }
        return String.join(" ", words);
    }

    private static List<EnrichedPaperEvent> samplePapers(List<Path> listings) throws Exception {
        List<EnrichedPaperEvent> papers = new ArrayList<>();
        DailyPapersTextParser parser = new DailyPapersTextParser();
        for (Path listing : listings) {
            for (ListedPaper listed : parser.parse(Files.readString(listing), LocalDate.of(2025, 12, 17)).papers()) {
                PaperSnapshot paper = new PaperSnapshot(listed.arxivId(), listed.title(), listed.summary(),
                        listed.publishedOn(), listed.upvotes() == null ? 0 : listed.upvotes(), listed.authorCount(),
                        listed.authors(), listed.organization(), List.of(), null, null, List.of(), Instant.now(),
                        List.of());
                papers.add(new EnrichedPaperEvent(PaperEvent.SCHEMA_VERSION, UUID.randomUUID(),
                        "known-" + papers.size(), 1, Instant.now(), "bench", paper, List.of(), listed.authorCount(),
                        "small", List.of(), List.of(), false));
            }
        }
        return papers;
    }

    private static void add(List<IncomingPaper> batch, EnrichedPaperEvent event, BulkIndexer indexing)
            throws Exception {
        batch.add(new IncomingPaper(event.paperId(), EventCodec.encode(event)));
        if (batch.size() == 1000) {
            indexing.index(batch);
            batch.clear();
        }
    }
}
