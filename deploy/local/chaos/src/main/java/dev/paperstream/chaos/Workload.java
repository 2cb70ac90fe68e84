package dev.paperstream.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The generated listings of a run, in posting order. Papers come in chunks: a JSON listing of new papers with
 * arXiv ids, and a page-text listing of papers known only by title. Two chunks later come a JSON listing that
 * changes the upvotes of a quarter of an earlier chunk's papers, and one that gives its title-only papers their
 * arXiv ids, which moves each to its arXiv id and retires its title id.
 */
final class Workload {

    /** One POST body. {@code arxivIds} are the papers it names by arXiv id (they must end up in PostgreSQL). */
    record Listing(Kind kind, String contentType, byte[] body, List<String> arxivIds, int papers) {
    }

    /** What a listing does to its papers. */
    enum Kind {
        NEW, TITLE_ONLY, UPVOTES, GAINS_ARXIV_ID
    }

    private static final String[] WORDS = { "sparse", "attention", "diffusion", "retrieval", "agents", "robust",
        "multilingual", "reasoning", "vision", "alignment", "distillation", "benchmark", "quantized", "graph",
        "speech", "contrastive", "memory", "planning", "tokenizer", "scaling" };
    private static final int AUTHOR_POOL = 2_000;
    /** One paper in ten is listed by title first. */
    private static final int TITLE_ONLY_EVERY = 10;
    private static final int LAG_CHUNKS = 2;

    private final Random random;
    private final int[] upvotes;
    private final List<Listing> listings = new ArrayList<>();

    private Workload(int papers, long seed) {
        this.random = new Random(seed);
        this.upvotes = new int[papers];
    }

    static List<Listing> generate(int papers, int listingSize, long seed) {
        Workload workload = new Workload(papers, seed);
        int chunks = (papers + listingSize - 1) / listingSize;
        for (int chunk = 0; chunk < chunks + LAG_CHUNKS; chunk++) {
            if (chunk < chunks) {
                workload.newChunk(chunk * listingSize, Math.min(papers, (chunk + 1) * listingSize));
            }
            int earlier = chunk - LAG_CHUNKS;
            if (earlier >= 0 && earlier < chunks) {
                workload.laterChanges(earlier * listingSize, Math.min(papers, (earlier + 1) * listingSize));
            }
        }
        return workload.listings;
    }

    private void newChunk(int from, int to) {
        List<Integer> json = new ArrayList<>();
        List<Integer> text = new ArrayList<>();
        for (int paper = from; paper < to; paper++) {
            upvotes[paper] = random.nextInt(50);
            (titleOnlyFirst(paper) ? text : json).add(paper);
        }
        listings.add(json(Kind.NEW, json));
        if (!text.isEmpty()) {
            listings.add(text(text));
        }
    }

    private void laterChanges(int from, int to) {
        List<Integer> changed = new ArrayList<>();
        List<Integer> gaining = new ArrayList<>();
        for (int paper = from; paper < to; paper++) {
            if (titleOnlyFirst(paper)) {
                gaining.add(paper);
            } else if (random.nextInt(4) == 0) {
                upvotes[paper] += 1 + random.nextInt(20);
                changed.add(paper);
            }
        }
        if (!changed.isEmpty()) {
            listings.add(json(Kind.UPVOTES, changed));
        }
        if (!gaining.isEmpty()) {
            listings.add(json(Kind.GAINS_ARXIV_ID, gaining));
        }
    }

    private static boolean titleOnlyFirst(int paper) {
        return paper % TITLE_ONLY_EVERY == 3;
    }

    private Listing json(Kind kind, List<Integer> papers) {
        StringBuilder out = new StringBuilder("[");
        List<String> ids = new ArrayList<>();
        for (int paper : papers) {
            String id = arxivId(paper);
            ids.add(id);
            out.append(out.length() == 1 ? "" : ",").append("{\"paper\":{\"id\":\"").append(id)
                    .append("\",\"publishedAt\":\"2026-11-").append(String.format(Locale.ROOT, "%02d", 1 + paper % 28))
                    .append("T10:00:00.000Z\",\"authors\":[");
            for (int a = 0; a < 3; a++) {
                out.append(a == 0 ? "" : ",").append("{\"name\":\"").append(author(paper, a)).append("\"}");
            }
            out.append("],\"title\":\"").append(title(paper)).append("\",\"summary\":\"").append(summary(paper))
                    .append("\",\"upvotes\":").append(upvotes[paper]).append("}}");
        }
        byte[] body = out.append("]").toString().getBytes(StandardCharsets.UTF_8);
        return new Listing(kind, "application/json", body, ids, papers.size());
    }

    private Listing text(List<Integer> papers) {
        StringBuilder out = new StringBuilder("Daily Papers\n\nNov 30\n\n");
        for (int paper : papers) {
            out.append(title(paper)).append("\n\n").append(summary(paper)).append("\n\n  • 3 authors\n·\nNov 30 ")
                    .append(upvotes[paper]).append("\n\n");
        }
        return new Listing(Kind.TITLE_ONLY, "text/plain; charset=UTF-8", out.toString().getBytes(StandardCharsets.UTF_8),
                List.of(), papers.size());
    }

    static String arxivId(int paper) {
        return String.format(Locale.ROOT, "2611.%05d", paper);
    }

    private static String title(int paper) {
        return "Chaos paper " + paper + ": " + WORDS[paper % WORDS.length] + " " + WORDS[(paper / 20) % WORDS.length]
                + " under crashes";
    }

    private static String summary(int paper) {
        return "We study " + WORDS[(paper * 7) % WORDS.length] + " and " + WORDS[(paper * 13) % WORDS.length]
                + " while processes are killed; paper " + paper + " of a generated workload.";
    }

    /** Authors come from a shared pool, so concurrent enrich instances upsert the same author rows. */
    private static String author(int paper, int index) {
        return "Author " + ((paper * 31 + index * 977) % AUTHOR_POOL);
    }
}
