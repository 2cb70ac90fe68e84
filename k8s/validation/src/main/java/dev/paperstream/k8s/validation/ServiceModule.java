package dev.paperstream.k8s.validation;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Element;

/**
 * What one Quarkus service reads and exposes, derived from its application.properties and pom.xml at test time,
 * so the checks follow the code: HTTP port, health and metrics paths, environment variables, Kafka topics,
 * and which infrastructure it uses.
 */
public final class ServiceModule {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern PROPERTY_EXPRESSION = Pattern.compile("\\$\\{([a-z][^}:]*)(:[^}]*)?}");
    private static final Pattern CHANNEL_KEY =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    private final String name;
    private final Path dir;
    private final Map<String, String> properties;
    private final Set<String> dependencies;

    private ServiceModule(String name, Path dir, Map<String, String> properties, Set<String> dependencies) {
        this.name = name;
        this.dir = dir;
        this.properties = properties;
        this.dependencies = dependencies;
    }

    static ServiceModule load(Path dir) {
        Properties raw = new Properties();
        try {
            raw.load(new StringReader(ProjectLayout.read(dir.resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        new TreeSet<>(raw.stringPropertyNames()).forEach(key -> properties.put(key, raw.getProperty(key)));
        Element project = ProjectLayout.pom(dir.resolve("pom.xml")).getDocumentElement();
        Set<String> dependencies = new LinkedHashSet<>();
        for (Element deps : ProjectLayout.children(project, "dependencies")) {
            for (Element dep : ProjectLayout.children(deps, "dependency")) {
                dependencies.add(ProjectLayout.childText(dep, "artifactId"));
            }
        }
        return new ServiceModule(ProjectLayout.childText(project, "artifactId"), dir, properties, dependencies);
    }

    /** The Maven artifactId: also the Deployment, container and image name. */
    public String name() {
        return name;
    }

    public Path dockerfile() {
        return dir.resolve("src/main/docker/Dockerfile.jvm");
    }

    public boolean hasDependency(String artifactId) {
        return dependencies.contains(artifactId);
    }

    public boolean hasDependencyStartingWith(String prefix) {
        return dependencies.stream().anyMatch(d -> d.startsWith(prefix));
    }

    /**
     * The value in the prod profile (what a packaged jar runs): {@code %prod.key}, else {@code key}, with property
     * expressions such as {@code ${mp.messaging.incoming.x.topic}} expanded. Environment references
     * ({@code ${UPPER_CASE}}) and runtime values such as {@code ${quarkus.uuid}} stay as written.
     */
    public String prodValue(String key) {
        return expand(rawProdValue(key), 0);
    }

    private String rawProdValue(String key) {
        String prod = properties.get("%prod." + key);
        return prod != null ? prod : properties.get(key);
    }

    private String expand(String value, int depth) {
        if (value == null || depth > 10) {
            return value;
        }
        Matcher m = PROPERTY_EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String referenced = rawProdValue(m.group(1));
            String replacement = referenced != null ? expand(referenced, depth + 1)
                    : m.group(2) != null ? m.group(2).substring(1) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Keys without their profile prefix. */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (String key : properties.keySet()) {
            keys.add(key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key);
        }
        return keys;
    }

    public int httpPort() {
        String port = prodValue("quarkus.http.port");
        return port == null ? 8080 : Integer.parseInt(port.trim());
    }

    /** A non-application endpoint such as {@code health/live}, under quarkus.http.non-application-root-path. */
    private String management(String path) {
        String root = prodValue("quarkus.http.non-application-root-path");
        root = root == null ? "q" : root.replaceAll("^/+|/+$", "");
        return "/" + root + "/" + path;
    }

    private String health(String key, String fallback) {
        String root = prodValue("quarkus.smallrye-health.root-path");
        String sub = prodValue("quarkus.smallrye-health." + key);
        return management((root == null ? "health" : root.replaceAll("^/+|/+$", "")) + "/"
                + (sub == null ? fallback : sub.replaceAll("^/+", "")));
    }

    public String livenessPath() {
        return health("liveness-path", "live");
    }

    public String readinessPath() {
        return health("readiness-path", "ready");
    }

    public String startupPath() {
        return health("startup-path", "started");
    }

    public String metricsPath() {
        String path = prodValue("quarkus.micrometer.export.prometheus.path");
        return management(path == null ? "metrics" : path.replaceAll("^/+", ""));
    }

    /** Environment variables referenced as {@code ${NAME}} anywhere in application.properties. */
    public Set<String> referencedEnv() {
        Set<String> names = new TreeSet<>();
        properties.values().forEach(value -> {
            Matcher m = ENV_REFERENCE.matcher(value);
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** Environment variables the prod profile needs: {@code ${NAME}} without a default in an active value. */
    public Set<String> requiredEnv() {
        Set<String> names = new TreeSet<>();
        for (String key : keys()) {
            String value = prodValue(key);
            Matcher m = ENV_REFERENCE.matcher(value == null ? "" : value);
            while (m.find()) {
                if (m.group(2) == null) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The environment variable a config key maps to (MicroProfile Config: non-alphanumerics to _, upper case). */
    public static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Kafka channels: name to their properties (without the mp.messaging.direction.channel. prefix). */
    private Map<String, Map<String, String>> channels(String direction) {
        Map<String, Map<String, String>> channels = new LinkedHashMap<>();
        for (String key : keys()) {
            Matcher m = CHANNEL_KEY.matcher(key);
            if (m.matches() && m.group(1).equals(direction)) {
                channels.computeIfAbsent(m.group(2), c -> new LinkedHashMap<>()).put(m.group(3), prodValue(key));
            }
        }
        return channels;
    }

    /** Topics this service consumes (a channel without .topic uses its name, as SmallRye Kafka does). */
    public Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        channels("incoming").forEach((channel, config) -> topics.add(config.getOrDefault("topic", channel)));
        return topics;
    }

    /**
     * Topics consumed in a consumer group the replicas share, whose partitions bound the useful replicas. A group id
     * that differs per instance ({@code ${quarkus.uuid}}) is a broadcast: every replica reads every partition.
     */
    public Set<String> sharedGroupTopics() {
        Set<String> topics = new TreeSet<>();
        channels("incoming").forEach((channel, config) -> {
            if (!config.getOrDefault("group.id", "").contains("${quarkus.uuid}")) {
                topics.add(config.getOrDefault("topic", channel));
            }
        });
        return topics;
    }

    /** Every topic this service reads or writes, dead-letter topics included. */
    public Set<String> topics() {
        Set<String> topics = new TreeSet<>(consumedTopics());
        channels("outgoing").forEach((channel, config) -> topics.add(config.getOrDefault("topic", channel)));
        channels("incoming").forEach((channel, config) -> {
            if ("dead-letter-queue".equals(config.get("failure-strategy"))) {
                topics.add(config.getOrDefault("dead-letter-queue.topic", "dead-letter-topic-" + channel));
            }
        });
        return topics;
    }

    public boolean usesKafka() {
        return keys().stream().anyMatch(k -> k.startsWith("mp.messaging.") || k.startsWith("kafka."));
    }

    public boolean usesPostgres() {
        return keys().stream().anyMatch(k -> k.startsWith("quarkus.datasource."));
    }

    public boolean usesElasticsearch() {
        return keys().stream().anyMatch(k -> k.startsWith("quarkus.elasticsearch."));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Whether the file exists; a helper for callers that report rather than throw. */
    public boolean hasDockerfile() {
        return Files.isRegularFile(dockerfile());
    }
}
