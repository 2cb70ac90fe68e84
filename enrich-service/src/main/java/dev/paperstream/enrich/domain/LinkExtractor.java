package dev.paperstream.enrich.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.paperstream.events.PaperLink;

/**
 * Finds code repositories, Hugging Face models, datasets and spaces, and project pages in a paper's
 * abstract and source fields. Links to papers themselves (arXiv, DOI, Hugging Face paper pages) are not
 * project pages and are left out.
 */
public final class LinkExtractor {

    public static final String CODE = "code";
    public static final String MODEL = "model";
    public static final String DATASET = "dataset";
    public static final String SPACE = "space";
    public static final String PROJECT = "project";

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'{}|\\\\^`\\]\\[]+",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> CODE_HOSTS = Set.of("github.com", "gitlab.com", "bitbucket.org",
            "codeberg.org");
    private static final Set<String> PAPER_HOSTS = Set.of("arxiv.org", "doi.org", "dx.doi.org",
            "openreview.net", "aclanthology.org");
    /** Hugging Face top-level paths that are not a model repository. */
    private static final Set<String> HF_NON_MODEL = Set.of("papers", "docs", "blog", "learn", "spaces",
            "datasets", "models", "collections", "organizations", "settings", "join", "login", "pricing");

    private LinkExtractor() {
    }

    /** Links found in the abstract and the source's code and project URLs, first occurrence order, no repeats. */
    public static List<PaperLink> extract(String summary, String codeUrl, String projectUrl) {
        Map<String, PaperLink> links = new LinkedHashMap<>();
        if (codeUrl != null && !codeUrl.isBlank()) {
            classify(codeUrl.strip(), true).ifPresent(l -> links.putIfAbsent(l.url(), l));
        }
        if (projectUrl != null && !projectUrl.isBlank()) {
            classify(projectUrl.strip(), false).ifPresent(l -> links.putIfAbsent(l.url(), l));
        }
        if (summary != null) {
            Matcher m = URL.matcher(summary);
            while (m.find()) {
                classify(trimTrailingPunctuation(m.group()), false).ifPresent(l -> links.putIfAbsent(l.url(), l));
            }
        }
        return new ArrayList<>(links.values());
    }

    /** True when any link is a code repository. */
    public static boolean hasCode(List<PaperLink> links) {
        return links.stream().anyMatch(l -> CODE.equals(l.kind()));
    }

    private static Optional<PaperLink> classify(String url, boolean declaredCode) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        host = host.startsWith("www.") ? host.substring(4) : host;
        String[] path = uri.getPath() == null ? new String[0]
                : uri.getPath().replaceAll("^/+|/+$", "").split("/+");
        int segments = path.length == 1 && path[0].isEmpty() ? 0 : path.length;
        if (CODE_HOSTS.contains(host)) {
            return segments >= 2 ? Optional.of(new PaperLink(CODE, url)) : Optional.empty();
        }
        if (host.equals("huggingface.co") || host.equals("hf.co")) {
            if (segments >= 3 && path[0].equals("datasets")) {
                return Optional.of(new PaperLink(DATASET, url));
            }
            if (segments >= 3 && path[0].equals("spaces")) {
                return Optional.of(new PaperLink(SPACE, url));
            }
            if (segments >= 2 && !HF_NON_MODEL.contains(path[0])) {
                return Optional.of(new PaperLink(MODEL, url));
            }
            return Optional.empty();
        }
        if (PAPER_HOSTS.contains(host)) {
            return Optional.empty();
        }
        return Optional.of(new PaperLink(declaredCode ? CODE : PROJECT, url));
    }

    private static String trimTrailingPunctuation(String url) {
        String trimmed = url;
        while (!trimmed.isEmpty() && ".,;:!?)".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
