package dev.paperstream.k8s.validation;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fails when manifests and code drift. Everything about a service comes from its module at test time
 * ({@link ServiceModule}); everything about the deployment from the rendered objects. Checked per service:
 * its Deployment and image (name = artifactId, tag = project version, Dockerfile present), every environment
 * variable it is given is one it reads and every one it needs is given, endpoints point at the operators'
 * Services and Secrets, HTTP port, probe and metrics paths, its Service, its NetworkPolicy (only the
 * infrastructure it uses), its labels for the infrastructure's policies, and that its replicas do not exceed the
 * partitions of what it consumes. Across services: the KafkaTopics are exactly the topics the services use.
 */
public final class ConsistencyChecker {

    /** JVM settings read by the image's run-java.sh, not by the application. */
    /** Private, link-local (cloud metadata) and loopback ranges an egress ipBlock must except. */
    private static final Set<String> PRIVATE_RANGES = Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "169.254.0.0/16", "127.0.0.0/8");
    private static final Set<String> JVM_ENV =
            Set.of("JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO", "JAVA_MAX_INITIAL_MEM");

    /**
     * Environment variables that a library reads, each with the dependency (artifactId prefix) that brings it: DJL,
     * under the embedding model, calls a cloud metadata address unless OPT_OUT_TRACKING is true.
     */
    private static final Map<String, String> LIBRARY_ENV =
            Map.of("OPT_OUT_TRACKING", "langchain4j-embeddings");

    /**
     * Quarkus keys a manifest may set though application.properties does not mention them, each with the
     * extension (artifactId prefix) that reads it. Documented by quarkus-elasticsearch-rest-client.
     */
    private static final Map<String, String> QUARKUS_KEYS = Map.of(
            "quarkus.elasticsearch.username", "quarkus-elasticsearch-",
            "quarkus.elasticsearch.password", "quarkus-elasticsearch-");

    /** Keys of the Secret CloudNativePG generates for a cluster's application user ({@code <cluster>-app}). */
    private static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "user", "password", "dbname",
            "host", "port", "uri", "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri", "pgpass");

    private static final Pattern ENV_ONLY = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");
    /** [registry/]paperstream/name, then :tag, @sha256:digest or both. */
    private static final Pattern IMAGE = Pattern.compile(
            "(?:.+/)?paperstream/([^/:@]+)(?::([^/:@]+))?(?:@sha256:([0-9a-f]{64}))?");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)");

    private final List<ServiceModule> services;
    private final String version;

    public ConsistencyChecker(List<ServiceModule> services, String version) {
        this.services = List.copyOf(services);
        this.version = version;
    }

    public static ConsistencyChecker forProject(ProjectLayout layout) {
        return new ConsistencyChecker(layout.services(), layout.projectVersion());
    }

    /** A value given to a container: a literal (directly or from a ConfigMap), or a Secret key reference. */
    private record Setting(String literal, String secret, String secretKey) {
        static Setting of(String literal) {
            return new Setting(literal, null, null);
        }
    }

    public List<String> check(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        manifests.ofKind("Secret").filter(secret -> !isRoleDefinition(secret, manifests)).forEach(secret ->
                problems.add(Manifests.id(secret) + ": credentials must not be in the manifests; reference the"
                        + " operators' generated Secrets (only an Elasticsearch auth.roles Secret with roles.yml alone"
                        + " may be here)"));
        Set<String> serviceNames = services.stream().map(ServiceModule::name).collect(Collectors.toSet());
        manifests.ofKind("Deployment").filter(d -> !serviceNames.contains(Manifests.name(d))).forEach(d ->
                problems.add(Manifests.id(d) + ": no service module of that name in the root pom.xml"));
        for (ServiceModule service : services) {
            Optional<JsonNode> deployment = manifests.find("Deployment", service.name()).map(JsonNode.class::cast);
            if (deployment.isEmpty()) {
                problems.add(service + ": no Deployment named " + service);
                continue;
            }
            checkService(service, deployment.get(), manifests, problems);
        }
        checkTopics(manifests, problems);
        checkConnections(manifests, problems);
        return problems;
    }

    /**
     * Connection arithmetic (k8s/README.md "Database connections"): at the HPA maximums, plus each Deployment's
     * surge pods during a rollout, the services' pools (prod {@code quarkus.datasource.jdbc.max-size}, Agroal's 20
     * when unset) fit in PostgreSQL's {@code max_connections} less {@code superuser_reserved_connections}.
     */
    private void checkConnections(Manifests manifests, List<String> problems) {
        manifests.ofKind("Cluster").forEach(cluster -> {
            JsonNode parameters = cluster.path("spec").path("postgresql").path("parameters");
            int limit = Integer.parseInt(parameters.path("max_connections").asText("100"))
                    - Integer.parseInt(parameters.path("superuser_reserved_connections").asText("3"));
            int demand = 0;
            List<String> terms = new ArrayList<>();
            for (ServiceModule service : services) {
                Optional<JsonNode> deployment = manifests.find("Deployment", service.name()).map(JsonNode.class::cast);
                if (!service.usesPostgres() || deployment.isEmpty()) {
                    continue;
                }
                int pods = maxPods(deployment.get(), manifests);
                pods += surge(deployment.get(), pods);
                String size = service.prodValue("quarkus.datasource.jdbc.max-size");
                int pool = size == null ? 20 : Integer.parseInt(size.trim());
                demand += pods * pool;
                terms.add(service.name() + " " + pods + " pods x " + pool);
            }
            if (demand > limit) {
                problems.add(Manifests.id(cluster) + ": the services may open " + demand + " connections ("
                        + String.join(", ", terms) + ", at the HPA maximums with rollout surge), more than the "
                        + limit + " PostgreSQL allows them");
            }
        });
    }

    /** The most pods a Deployment runs: its HPA's maxReplicas, else its replicas (1 when unset). */
    private static int maxPods(JsonNode deployment, Manifests manifests) {
        return manifests.ofKind("HorizontalPodAutoscaler")
                .filter(h -> Manifests.name(deployment).equals(h.path("spec").path("scaleTargetRef").path("name")
                        .asText()))
                .mapToInt(h -> h.path("spec").path("maxReplicas").asInt()).max()
                .orElse(deployment.path("spec").path("replicas").asInt(1));
    }

    /** Extra pods a rolling update may add: maxSurge as a number or a percentage (Kubernetes' default 25%). */
    private static int surge(JsonNode deployment, int pods) {
        JsonNode surge = deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge");
        if (surge.isInt()) {
            return surge.asInt();
        }
        String percent = surge.asText("25%").replace("%", "");
        return (int) Math.ceil(pods * Integer.parseInt(percent) / 100.0);
    }

    private void checkService(ServiceModule service, JsonNode deployment, Manifests manifests, List<String> problems) {
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = null;
        for (JsonNode c : pod.path("spec").path("containers")) {
            if (service.name().equals(c.path("name").asText())) {
                container = c;
            }
        }
        String where = service + ": ";
        if (container == null) {
            problems.add(where + "Deployment has no container named " + service);
            return;
        }
        checkImage(service, container, problems);

        // Port: the container's "http" port is the service's quarkus.http.port; everything else refers to it.
        int port = service.httpPort();
        int containerPort = -1;
        for (JsonNode p : container.path("ports")) {
            if ("http".equals(p.path("name").asText())) {
                containerPort = p.path("containerPort").asInt();
            }
        }
        if (containerPort != port) {
            problems.add(where + "container port http is " + containerPort + ", the service listens on " + port
                    + " (quarkus.http.port)");
        }
        if (!service.hasDependency("quarkus-smallrye-health")) {
            problems.add(where + "probes need quarkus-smallrye-health, which the service does not depend on");
        }
        probe(service, container, "startupProbe", service.startupPath(), containerPort, problems);
        probe(service, container, "livenessProbe", service.livenessPath(), containerPort, problems);
        probe(service, container, "readinessProbe", service.readinessPath(), containerPort, problems);

        JsonNode annotations = pod.path("metadata").path("annotations");
        if (!service.hasDependency("quarkus-micrometer-registry-prometheus")) {
            problems.add(where + "scraped for metrics but does not depend on quarkus-micrometer-registry-prometheus");
        }
        if (!"true".equals(annotations.path("prometheus.io/scrape").asText())
                || !String.valueOf(port).equals(annotations.path("prometheus.io/port").asText())
                || !service.metricsPath().equals(annotations.path("prometheus.io/path").asText())) {
            problems.add(where + "prometheus.io annotations must be scrape=true, port=" + port + ", path="
                    + service.metricsPath());
        }

        Map<String, Setting> env = environment(service, container, manifests, problems);
        checkEnvironment(service, env, manifests, problems);
        checkEndpoints(service, env, manifests, problems);
        checkServiceObject(service, pod, container, containerPort, manifests, problems);
        checkNetwork(service, pod, port, env, manifests, problems);
        checkConsumerBound(service, deployment, manifests, problems);
    }

    private void checkImage(ServiceModule service, JsonNode container, List<String> problems) {
        String image = container.path("image").asText();
        Matcher m = IMAGE.matcher(image);
        // The build's version, or its release (prod pins one); a digest pins the image whatever the tag says.
        Set<String> tags = Set.of(version, version.replaceFirst("-SNAPSHOT$", ""));
        if (!m.matches() || !m.group(1).equals(service.name()) || (m.group(2) == null && m.group(3) == null)
                || (m.group(2) != null && !tags.contains(m.group(2)))) {
            problems.add(service + ": image " + image + " is not [registry/]paperstream/" + service.name() + ":"
                    + version + " (artifactId:project version, or its release without -SNAPSHOT; @sha256:digest"
                    + " may follow or replace the tag)");
        }
        if (!service.hasDockerfile()) {
            problems.add(service + ": no image definition at " + service.dockerfile());
            return;
        }
        Matcher expose = EXPOSE.matcher(ProjectLayout.read(service.dockerfile()));
        if (!expose.find() || Integer.parseInt(expose.group(1)) != service.httpPort()) {
            problems.add(service + ": Dockerfile.jvm must EXPOSE " + service.httpPort());
        }
    }

    private static void probe(ServiceModule service, JsonNode container, String probe, String path, int containerPort,
            List<String> problems) {
        JsonNode get = container.path(probe).path("httpGet");
        if (get.isMissingNode()) {
            problems.add(service + ": no " + probe + " (httpGet " + path + ")");
            return;
        }
        if (!path.equals(get.path("path").asText())) {
            problems.add(service + ": " + probe + " path is " + get.path("path").asText() + ", the service answers "
                    + path);
        }
        if (resolvePort(get.path("port"), container) != containerPort) {
            problems.add(service + ": " + probe + " port " + get.path("port").asText() + " is not the http port");
        }
    }

    /** A port given by name or number, resolved against the container's ports (-1 when it names none). */
    private static int resolvePort(JsonNode port, JsonNode container) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    /** The container's environment: envFrom ConfigMaps first, then env entries (which win, as in Kubernetes). */
    private static Map<String, Setting> environment(ServiceModule service, JsonNode container, Manifests manifests,
            List<String> problems) {
        Map<String, Setting> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("secretRef")) {
                problems.add(service + ": envFrom secretRef hides which keys it sets; use env with secretKeyRef");
            }
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                manifests.find("ConfigMap", name).ifPresentOrElse(
                        map -> map.path("data").fields().forEachRemaining(
                                e -> env.put(e.getKey(), Setting.of(e.getValue().asText()))),
                        () -> problems.add(service + ": envFrom ConfigMap " + name + " is not in the manifests"));
            }
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            JsonNode from = e.path("valueFrom");
            if (from.has("secretKeyRef")) {
                env.put(name, new Setting(null, from.path("secretKeyRef").path("name").asText(),
                        from.path("secretKeyRef").path("key").asText()));
            } else if (from.has("configMapKeyRef")) {
                String map = from.path("configMapKeyRef").path("name").asText();
                String key = from.path("configMapKeyRef").path("key").asText();
                JsonNode value = manifests.find("ConfigMap", map).map(m -> m.path("data").path(key))
                        .orElse(null);
                if (value == null || value.isMissingNode()) {
                    problems.add(service + ": env " + name + " refers to missing ConfigMap key " + map + "/" + key);
                } else {
                    env.put(name, Setting.of(value.asText()));
                }
            } else if (!from.isMissingNode()) {
                problems.add(service + ": env " + name + " uses a valueFrom the checks cannot resolve");
            } else {
                env.put(name, Setting.of(e.path("value").asText()));
            }
        }
        return env;
    }

    private void checkEnvironment(ServiceModule service, Map<String, Setting> env, Manifests manifests,
            List<String> problems) {
        Set<String> accepted = new TreeSet<>(JVM_ENV);
        accepted.addAll(service.referencedEnv());
        service.keys().forEach(key -> accepted.add(ServiceModule.envName(key)));
        QUARKUS_KEYS.forEach((key, extension) -> {
            if (service.hasDependencyStartingWith(extension)) {
                accepted.add(ServiceModule.envName(key));
            }
        });
        LIBRARY_ENV.forEach((name, dependency) -> {
            if (service.hasDependencyStartingWith(dependency)) {
                accepted.add(name);
            }
        });
        for (String name : env.keySet()) {
            if (!accepted.contains(name)) {
                problems.add(service + ": env " + name + " is not read by the service (neither ${" + name
                        + "} in application.properties nor the environment form of one of its keys)");
            }
        }
        for (String required : service.requiredEnv()) {
            if (!env.containsKey(required)) {
                problems.add(service + ": env " + required + " is required (${" + required
                        + "} in application.properties, prod profile) but not set");
            }
        }
        env.forEach((name, setting) -> {
            if (setting.secret() != null && !generatedSecret(setting.secret(), setting.secretKey(), manifests)) {
                problems.add(service + ": env " + name + " refers to Secret key " + setting.secret() + "/"
                        + setting.secretKey() + ", which no operator in the manifests generates");
            }
        });
    }

    /**
     * Whether an operator in the manifests generates that Secret key, or it is a file-realm user's username or
     * password that an Elasticsearch reads (created at install, k8s/README.md).
     */
    private static boolean generatedSecret(String secret, String key, Manifests manifests) {
        boolean cnpg = manifests.ofKind("Cluster").anyMatch(c -> secret.equals(Manifests.name(c) + "-app"))
                && CNPG_APP_SECRET_KEYS.contains(key);
        boolean eck = manifests.ofKind("Elasticsearch")
                .anyMatch(e -> secret.equals(Manifests.name(e) + "-es-elastic-user")) && "elastic".equals(key);
        boolean fileRealm = manifests.ofKind("Elasticsearch").anyMatch(e -> authSecrets(e, "fileRealm").contains(secret))
                && Set.of("username", "password").contains(key);
        return cnpg || eck || fileRealm;
    }

    /** The Secret names an Elasticsearch's spec.auth lists under {@code roles} or {@code fileRealm}. */
    private static Set<String> authSecrets(JsonNode elasticsearch, String kind) {
        Set<String> names = new TreeSet<>();
        elasticsearch.path("spec").path("auth").path(kind).forEach(ref -> names.add(ref.path("secretName").asText()));
        return names;
    }

    /** A Secret that only defines Elasticsearch roles (roles.yml) for an Elasticsearch's auth.roles: no credentials. */
    private static boolean isRoleDefinition(JsonNode secret, Manifests manifests) {
        Set<String> keys = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        return keys.equals(Set.of("roles.yml")) && manifests.ofKind("Elasticsearch")
                .anyMatch(e -> authSecrets(e, "roles").contains(Manifests.name(secret)));
    }

    /** What a config key resolves to in the container: an env override, else its prod value with ${ENV} resolved. */
    private static Setting effective(ServiceModule service, String key, Map<String, Setting> env) {
        Setting override = env.get(ServiceModule.envName(key));
        if (override != null) {
            return override;
        }
        String value = service.prodValue(key);
        if (value == null) {
            return null;
        }
        Matcher m = ENV_ONLY.matcher(value.trim());
        return m.matches() ? env.get(m.group(1)) : Setting.of(value);
    }

    private void checkEndpoints(ServiceModule service, Map<String, Setting> env, Manifests manifests,
            List<String> problems) {
        if (service.usesKafka()) {
            Set<String> bootstraps = new TreeSet<>();
            manifests.ofKind("Kafka").forEach(kafka -> kafka.path("spec").path("kafka").path("listeners")
                    .forEach(listener -> {
                        if (!listener.path("tls").asBoolean() && "internal".equals(listener.path("type").asText())) {
                            bootstraps.add(Manifests.name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt());
                        }
                    }));
            expectLiteral(service, "kafka.bootstrap.servers", env, bootstraps, problems);
        }
        if (service.usesElasticsearch()) {
            Set<String> hosts = manifests.ofKind("Elasticsearch")
                    .map(es -> Manifests.name(es) + "-es-http:9200").collect(Collectors.toCollection(TreeSet::new));
            expectLiteral(service, "quarkus.elasticsearch.hosts", env, hosts, problems);
            manifests.ofKind("Elasticsearch").forEach(es -> {
                boolean plainHttp = es.path("spec").path("http").path("tls").path("selfSignedCertificate")
                        .path("disabled").asBoolean(false);
                Setting protocol = effective(service, "quarkus.elasticsearch.protocol", env);
                String scheme = protocol == null || protocol.literal() == null ? "http" : protocol.literal();
                if (plainHttp != "http".equals(scheme)) {
                    problems.add(service + ": " + Manifests.id(es) + " serves " + (plainHttp ? "http" : "https")
                            + " but the client uses " + scheme);
                }
                // Least privilege: a file-realm user of this Elasticsearch (its role in roles.yml), never elastic.
                Setting username = effective(service, "quarkus.elasticsearch.username", env);
                Setting password = effective(service, "quarkus.elasticsearch.password", env);
                Set<String> users = authSecrets(es, "fileRealm");
                if (username == null || password == null || username.secret() == null
                        || !users.contains(username.secret()) || !username.secret().equals(password.secret())) {
                    problems.add(service + ": ECK requires authentication, and not as the elastic superuser; set"
                            + " QUARKUS_ELASTICSEARCH_USERNAME and _PASSWORD from one Secret that "
                            + Manifests.id(es) + " lists in spec.auth.fileRealm " + users);
                }
            });
        }
        if (service.usesPostgres()) {
            Set<String> urls = new TreeSet<>();
            Set<String> secrets = new TreeSet<>();
            manifests.ofKind("Cluster").forEach(cluster -> {
                String database = cluster.path("spec").path("bootstrap").path("initdb").path("database").asText("app");
                urls.add("jdbc:postgresql://" + Manifests.name(cluster) + "-rw:5432/" + database);
                secrets.add(Manifests.name(cluster) + "-app");
            });
            expectLiteral(service, "quarkus.datasource.jdbc.url", env, urls, problems);
            for (String[] credential : new String[][] {{"username", "username"}, {"password", "password"}}) {
                Setting setting = effective(service, "quarkus.datasource." + credential[0], env);
                if (setting == null || !secrets.contains(setting.secret())
                        || !credential[1].equals(setting.secretKey())) {
                    problems.add(service + ": quarkus.datasource." + credential[0] + " must come from Secret key "
                            + String.join("|", secrets) + "/" + credential[1]);
                }
            }
        }
    }

    private static void expectLiteral(ServiceModule service, String key, Map<String, Setting> env,
            Set<String> expected, List<String> problems) {
        Setting setting = effective(service, key, env);
        String value = setting == null ? null : setting.literal();
        if (value == null || !expected.contains(value)) {
            problems.add(service + ": " + key + " resolves to " + value + ", expected one of " + expected);
        }
    }

    private static void checkServiceObject(ServiceModule service, JsonNode pod, JsonNode container, int containerPort,
            Manifests manifests, List<String> problems) {
        List<JsonNode> selecting = manifests.ofKind("Service")
                .filter(s -> selects(s.path("spec").path("selector"), pod.path("metadata").path("labels")))
                .map(JsonNode.class::cast).toList();
        if (selecting.size() != 1) {
            problems.add(service + ": " + selecting.size() + " Services select its pods, expected 1");
            return;
        }
        JsonNode port = selecting.get(0).path("spec").path("ports").path(0);
        if (port.path("port").asInt() != service.httpPort()
                || resolvePort(port.path("targetPort"), container) != containerPort) {
            problems.add(service + ": Service port must be " + service.httpPort() + " targeting the http port");
        }
    }

    /** The label on a service's pods that lets it through an infrastructure's policy (Strimzi peers, PG, ES). */
    private static final Map<String, String> CLIENT_LABELS = Map.of(
            "kafka", "paperstream.dev/kafka-client",
            "postgres", "paperstream.dev/postgres-client",
            "elasticsearch", "paperstream.dev/elasticsearch-client");

    /** Labels that identify an infrastructure's pods in a NetworkPolicy peer. */
    private static final Map<String, String> INFRA_POD_LABELS = Map.of(
            "strimzi.io/cluster", "kafka",
            "cnpg.io/cluster", "postgres",
            "elasticsearch.k8s.elastic.co/cluster-name", "elasticsearch",
            "k8s-app", "dns");

    private static final Map<String, Integer> INFRA_PORTS = Map.of(
            "kafka", 9092, "postgres", 5432, "elasticsearch", 9200, "dns", 53);

    private static Set<String> uses(ServiceModule service) {
        Set<String> uses = new TreeSet<>();
        if (service.usesKafka()) {
            uses.add("kafka");
        }
        if (service.usesPostgres()) {
            uses.add("postgres");
        }
        if (service.usesElasticsearch()) {
            uses.add("elasticsearch");
        }
        return uses;
    }

    private void checkNetwork(ServiceModule service, JsonNode pod, int port, Map<String, Setting> env,
            Manifests manifests, List<String> problems) {
        JsonNode labels = pod.path("metadata").path("labels");
        Set<String> uses = uses(service);
        CLIENT_LABELS.forEach((infra, label) -> {
            boolean labelled = "true".equals(labels.path(label).asText());
            if (labelled != uses.contains(infra)) {
                problems.add(service + ": pod label " + label + "=true must be set exactly when the service uses "
                        + infra + " (it " + (uses.contains(infra) ? "does" : "does not") + ")");
            }
        });
        if (manifests.ofKind("NetworkPolicy").findAny().isEmpty()) {
            return;
        }
        List<JsonNode> policies = manifests.ofKind("NetworkPolicy")
                .filter(p -> selects(p.path("spec").path("podSelector"), labels))
                .filter(p -> p.path("spec").path("policyTypes").toString().contains("Egress"))
                .map(JsonNode.class::cast).toList();
        if (policies.isEmpty()) {
            problems.add(service + ": no NetworkPolicy restricts its traffic");
            return;
        }
        Map<String, Set<Integer>> reached = new TreeMap<>();
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            if (!spec.path("policyTypes").toString().contains("Ingress")) {
                problems.add(service + ": " + Manifests.id(policy) + " must restrict Ingress too");
            }
            for (JsonNode rule : spec.path("ingress")) {
                for (JsonNode p : rule.path("ports")) {
                    if (p.path("port").asInt() != port) {
                        problems.add(service + ": " + Manifests.id(policy) + " admits port "
                                + p.path("port").asText() + ", the service listens on " + port);
                    }
                }
            }
            for (JsonNode rule : spec.path("egress")) {
                Set<Integer> ports = new TreeSet<>();
                rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
                if (!rule.has("to")) {
                    // No peers: these ports to any address, which only DNS may have (its pods' labels vary).
                    if (ports.equals(Set.of(53))) {
                        reached.computeIfAbsent("dns", k -> new TreeSet<>()).addAll(ports);
                    } else {
                        problems.add(service + ": " + Manifests.id(policy) + " allows ports " + ports
                                + " to any address; only DNS (53) may");
                    }
                    continue;
                }
                for (JsonNode peer : rule.path("to")) {
                    if (peer.has("ipBlock")) {
                        // Outbound calls (webhooks, polled feeds): only ever to public addresses.
                        Set<String> excepted = new TreeSet<>();
                        peer.path("ipBlock").path("except").forEach(e -> excepted.add(e.asText()));
                        if (!excepted.containsAll(PRIVATE_RANGES)) {
                            problems.add(service + ": " + Manifests.id(policy) + " allows egress to " + peer
                                    + " without excepting " + PRIVATE_RANGES);
                        }
                        continue;
                    }
                    String namespace = peer.path("namespaceSelector").path("matchLabels")
                            .path("kubernetes.io/metadata.name").asText(null);
                    if (namespace != null && !peer.has("podSelector")) {
                        // A namespace's pods: only the trace collector's, where the service sends its spans.
                        reached.computeIfAbsent("tracing:" + namespace, k -> new TreeSet<>()).addAll(ports);
                        continue;
                    }
                    String infra = null;
                    for (Map.Entry<String, String> e : INFRA_POD_LABELS.entrySet()) {
                        if (peer.path("podSelector").path("matchLabels").has(e.getKey())) {
                            infra = e.getValue();
                        }
                    }
                    if (infra == null) {
                        problems.add(service + ": " + Manifests.id(policy) + " allows egress to " + peer
                                + ", which is none of the infrastructure it uses");
                    } else {
                        reached.computeIfAbsent(infra, k -> new TreeSet<>()).addAll(ports);
                    }
                }
            }
        }
        Set<String> expected = new TreeSet<>(uses);
        expected.add("dns");
        Map<String, Integer> expectedPorts = new TreeMap<>(INFRA_PORTS);
        Setting collector = effective(service, "paperstream.tracing.otlp-endpoint", env);
        if (collector != null && collector.literal() != null && !collector.literal().isBlank()) {
            // http://<service>.<namespace>[.svc…]:<port>: egress to that namespace on that port.
            URI endpoint = URI.create(collector.literal().trim());
            String[] host = String.valueOf(endpoint.getHost()).split("\\.");
            String tracing = "tracing:" + (host.length > 1 ? host[1] : "?");
            expected.add(tracing);
            expectedPorts.put(tracing, endpoint.getPort() > 0 ? endpoint.getPort() : 80);
        }
        if (!reached.keySet().equals(expected)) {
            problems.add(service + ": NetworkPolicy egress reaches " + reached.keySet() + ", the service uses "
                    + expected);
        }
        reached.forEach((infra, ports) -> {
            if (expectedPorts.containsKey(infra) && !ports.equals(Set.of(expectedPorts.get(infra)))) {
                problems.add(service + ": NetworkPolicy egress to " + infra + " on ports " + ports + ", expected "
                        + expectedPorts.get(infra));
            }
        });
    }

    /** Consumers beyond a topic's partition count sit idle: replicas and HPA maximum stay within it. */
    private static void checkConsumerBound(ServiceModule service, JsonNode deployment, Manifests manifests,
            List<String> problems) {
        Map<String, Integer> partitions = partitions(manifests);
        int bound = service.sharedGroupTopics().stream().filter(partitions::containsKey).mapToInt(partitions::get)
                .min().orElse(Integer.MAX_VALUE);
        if (deployment.path("spec").path("replicas").asInt(1) > bound) {
            problems.add(service + ": " + deployment.path("spec").path("replicas").asInt() + " replicas exceed the "
                    + bound + " partitions it consumes");
        }
        manifests.ofKind("HorizontalPodAutoscaler")
                .filter(h -> service.name().equals(h.path("spec").path("scaleTargetRef").path("name").asText()))
                .filter(h -> h.path("spec").path("maxReplicas").asInt() > bound)
                .forEach(h -> problems.add(service + ": " + Manifests.id(h) + " maxReplicas "
                        + h.path("spec").path("maxReplicas").asInt() + " exceeds the " + bound
                        + " partitions it consumes"));
    }

    private static Map<String, Integer> partitions(Manifests manifests) {
        Map<String, Integer> partitions = new TreeMap<>();
        manifests.ofKind("KafkaTopic").forEach(t -> partitions.put(topicName(t), t.path("spec").path("partitions")
                .asInt()));
        return partitions;
    }

    private static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(Manifests.name(topic));
    }

    private void checkTopics(Manifests manifests, List<String> problems) {
        Map<String, Set<String>> used = new TreeMap<>();
        services.forEach(s -> s.topics().forEach(t -> used.computeIfAbsent(t, k -> new TreeSet<>()).add(s.name())));
        Set<String> kafkas = manifests.ofKind("Kafka").map(Manifests::name).collect(Collectors.toSet());
        Set<String> declared = new TreeSet<>();
        manifests.ofKind("KafkaTopic").forEach(topic -> {
            String name = topicName(topic);
            declared.add(name);
            if (!used.containsKey(name)) {
                problems.add(Manifests.id(topic) + ": topic " + name + " is used by no service");
            }
            if (!kafkas.contains(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add(Manifests.id(topic) + ": label strimzi.io/cluster names no Kafka in the manifests");
            }
        });
        used.forEach((topic, users) -> {
            if (!declared.contains(topic)) {
                problems.add("topic " + topic + " (used by " + String.join(", ", users) + ") has no KafkaTopic");
            }
        });
    }

    /** Whether a selector ({matchLabels} or a plain label map) selects pods with these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
        if (selector.has("matchExpressions") || !match.isObject() || match.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) match::fields) {
            if (!Objects.equals(e.getValue().asText(), labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
