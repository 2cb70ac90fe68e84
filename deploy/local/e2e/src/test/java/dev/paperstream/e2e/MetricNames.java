package dev.paperstream.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The metric names that the alerts and the dashboard ({@code k8s/overlays/prod/monitoring}) use, and those of them
 * that no scrape of the services exports: an alert on a metric nobody exports never fires.
 */
final class MetricNames {

    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "delta", "deriv", "abs", "absent", "topk", "bottomk", "histogram_quantile", "clamp_min",
            "clamp_max", "label_replace", "scalar", "vector", "time", "by", "without", "on", "ignoring",
            "group_left", "group_right", "or", "and", "unless", "bool", "offset");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern EXPR = Pattern.compile("(?m)^\\s*expr: >-\\s*\\n\\s*(.+)$");

    private MetricNames() {
    }

    /** Metric names in a PromQL expression (not functions, keywords, labels, strings or durations). */
    static Set<String> used(String expression) {
        String bare = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME.matcher(bare);
        while (matcher.find()) {
            if (!PROMQL.contains(matcher.group())) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    /** Names no paperstream service exports by design: Prometheus' {@code up} and kube-state-metrics'. */
    static boolean external(String name) {
        return name.equals("up") || name.startsWith("kube_");
    }

    /** The metric names in a Prometheus text exposition. */
    static Set<String> exported(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher matcher = NAME.matcher(line);
                if (matcher.lookingAt()) {
                    names.add(matcher.group());
                }
            }
        }
        return names;
    }

    /** Each alert's and panel's expression, by where it is ({@code alert X}, {@code panel "title"}). */
    static Map<String, String> expressions(Path monitoring) {
        Map<String, String> expressions = new LinkedHashMap<>();
        try {
            String alerts = Files.readString(monitoring.resolve("alerts.yaml"));
            Matcher alert = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(alerts);
            Matcher expr = EXPR.matcher(alerts);
            while (alert.find() && expr.find()) {
                expressions.put("alert " + alert.group(1), expr.group(1).strip());
            }
            JsonNode dashboard = new ObjectMapper().readTree(monitoring.resolve("dashboard.json").toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    expressions.put("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }

    /** {@code where: name} for every name an expression uses that is neither exported nor external. */
    static List<String> missing(Map<String, String> expressions, Set<String> exported) {
        return expressions.entrySet().stream()
                .flatMap(e -> used(e.getValue()).stream()
                        .filter(name -> !exported.contains(name) && !external(name))
                        .map(name -> e.getKey() + ": " + name))
                .toList();
    }
}
