package dev.paperstream.k8s.validation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Validates rendered objects against typed API models: Kubernetes kinds against fabric8's model, Strimzi kinds
 * against Strimzi's. A field the model does not know (the models keep those in additionalProperties instead of
 * failing), a value of the wrong type (no string/number coercion, as the API server) or an unknown enum value is
 * a problem. ECK's Elasticsearch and CloudNativePG's Cluster have no Java model on Maven Central: their fields are
 * checked against allow-lists written from the operators' API references, and their embedded Kubernetes types
 * (pod templates, claims, resources, spread constraints) against fabric8's model. A kind not listed is a problem.
 */
public final class SchemaValidator {

    private static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class));

    private final ObjectMapper mapper = strictMapper();

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Every problem found in the objects, each prefixed with {@code Kind/name}. */
    public List<String> validate(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : manifests.all()) {
            String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
            String id = Manifests.id(object);
            if (Manifests.name(object).isEmpty()) {
                problems.add(id + ": metadata.name is required");
            }
            Class<?> model = TYPED.get(type);
            if (model != null) {
                typed(object, model, id, problems);
            } else if (type.equals("elasticsearch.k8s.elastic.co/v1/Elasticsearch")) {
                elasticsearch(object, id, problems);
            } else if (type.equals("postgresql.cnpg.io/v1/Cluster")) {
                postgresCluster(object, id, problems);
            } else {
                problems.add(id + ": no schema for " + type + " (add its model to SchemaValidator)");
            }
        }
        return problems;
    }

    /** Deserializes into the model; reports type errors and every field the model does not know. */
    private Object typed(JsonNode node, Class<?> model, String where, List<String> problems) {
        try {
            Object value = mapper.treeToValue(node, model);
            unknownFields(value, where, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
            ObjectNode written = node.deepCopy();
            // Strimzi's model writes its own storage version; the version is checked by the TYPED lookup instead.
            written.remove("apiVersion");
            lostValues(written, mapper.valueToTree(value), where, problems);
            return value;
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            problems.add(where + ": not a valid " + model.getSimpleName() + " at " + path + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
            return null;
        } catch (JsonProcessingException e) {
            problems.add(where + ": not a valid " + model.getSimpleName() + ": " + e.getOriginalMessage());
            return null;
        }
    }

    /**
     * Values the model did not keep: it reads an unknown enum constant as null, for example. Every value written must
     * come back when the typed object is written out again; fields the model adds (defaults) are fine.
     */
    private static void lostValues(JsonNode written, JsonNode readBack, String path, List<String> problems) {
        if (written.isObject()) {
            written.fields().forEachRemaining(field -> lostValues(field.getValue(),
                    readBack.path(field.getKey()), path + "." + field.getKey(), problems));
        } else if (written.isArray()) {
            for (int i = 0; i < written.size(); i++) {
                lostValues(written.get(i), readBack.path(i), path + "[" + i + "]", problems);
            }
        } else if (readBack.isMissingNode() || readBack.isNull()) {
            // Models omit defaults (false, 0, ""); anything else that vanished was not accepted.
            boolean isDefault = written.isNull() || written.isBoolean() && !written.asBoolean()
                    || written.isNumber() && written.asDouble() == 0
                    || written.isTextual() && written.asText().isEmpty();
            if (!isDefault) {
                problems.add(path + ": value " + written + " is not accepted (dropped by the model)");
            }
        } else if (!written.asText().equals(readBack.asText())) {
            problems.add(path + ": value " + written + " is not accepted (read back as " + readBack + ")");
        }
    }

    private void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8.kubernetes.api.model") || pkg.startsWith("io.strimzi.api"))
                || !seen.add(value)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else {
                String property = getter.getName().substring(3);
                property = property.isEmpty() ? property
                        : Character.toLowerCase(property.charAt(0)) + property.substring(1);
                unknownFields(child, path + "." + property, problems, seen);
            }
        }
    }

    // --- ECK Elasticsearch (elasticsearch.k8s.elastic.co/v1) --------------------------------------------------------

    private static final Set<String> ES_SPEC = Set.of("version", "image", "http", "transport", "nodeSets",
            "updateStrategy", "podDisruptionBudget", "auth", "secureSettings", "serviceAccountName",
            "remoteClusters", "remoteClusterServer", "volumeClaimDeletePolicy", "monitoring", "revisionHistoryLimit");
    private static final Set<String> ES_NODE_SET = Set.of("name", "count", "config", "podTemplate",
            "volumeClaimTemplates");
    private static final Set<String> ES_HTTP = Set.of("service", "tls");
    private static final Set<String> ES_AUTH = Set.of("roles", "fileRealm", "disableElasticUser");
    private static final Set<String> ES_SECRET_REF = Set.of("secretName");
    private static final Set<String> ES_TLS = Set.of("selfSignedCertificate", "certificate");
    private static final Set<String> ES_SELF_SIGNED = Set.of("subjectAltNames", "disabled");

    private void elasticsearch(JsonNode object, String id, List<String> problems) {
        JsonNode spec = object.path("spec");
        only(spec, ES_SPEC, id + ".spec", problems);
        requireText(spec, "version", id + ".spec", problems);
        only(spec.path("http"), ES_HTTP, id + ".spec.http", problems);
        only(spec.path("auth"), ES_AUTH, id + ".spec.auth", problems);
        for (String list : List.of("roles", "fileRealm")) {
            JsonNode refs = spec.path("auth").path(list);
            if (!refs.isMissingNode() && !refs.isArray()) {
                problems.add(id + ".spec.auth." + list + ": must be a list of {secretName}");
            }
            for (int i = 0; i < refs.size(); i++) {
                only(refs.get(i), ES_SECRET_REF, id + ".spec.auth." + list + "[" + i + "]", problems);
                requireText(refs.get(i), "secretName", id + ".spec.auth." + list + "[" + i + "]", problems);
            }
        }
        only(spec.path("http").path("tls"), ES_TLS, id + ".spec.http.tls", problems);
        JsonNode selfSigned = spec.path("http").path("tls").path("selfSignedCertificate");
        only(selfSigned, ES_SELF_SIGNED, id + ".spec.http.tls.selfSignedCertificate", problems);
        if (selfSigned.has("disabled") && !selfSigned.get("disabled").isBoolean()) {
            problems.add(id + ".spec.http.tls.selfSignedCertificate.disabled: must be a boolean");
        }
        JsonNode nodeSets = spec.path("nodeSets");
        if (!nodeSets.isArray() || nodeSets.isEmpty()) {
            problems.add(id + ".spec.nodeSets: at least one node set is required");
            return;
        }
        for (int i = 0; i < nodeSets.size(); i++) {
            JsonNode nodeSet = nodeSets.get(i);
            String where = id + ".spec.nodeSets[" + i + "]";
            only(nodeSet, ES_NODE_SET, where, problems);
            requireText(nodeSet, "name", where, problems);
            if (!nodeSet.path("count").isInt() || nodeSet.path("count").asInt() < 0) {
                problems.add(where + ".count: a non-negative integer is required");
            }
            if (nodeSet.has("config") && !nodeSet.get("config").isObject()) {
                problems.add(where + ".config: must be a map of Elasticsearch settings");
            }
            if (nodeSet.has("podTemplate")) {
                typed(nodeSet.get("podTemplate"), PodTemplateSpec.class, where + ".podTemplate", problems);
            }
            JsonNode claims = nodeSet.path("volumeClaimTemplates");
            for (int c = 0; c < claims.size(); c++) {
                typed(claims.get(c), PersistentVolumeClaim.class, where + ".volumeClaimTemplates[" + c + "]",
                        problems);
            }
        }
    }

    // --- CloudNativePG Cluster (postgresql.cnpg.io/v1) -------------------------------------------------------------

    private static final Set<String> PG_SPEC = Set.of("instances", "imageName", "imageCatalogRef",
            "imagePullPolicy", "imagePullSecrets", "bootstrap", "postgresql", "storage", "walStorage", "resources",
            "affinity", "monitoring", "backup", "minSyncReplicas", "maxSyncReplicas", "primaryUpdateStrategy",
            "primaryUpdateMethod", "enableSuperuserAccess", "superuserSecret", "description", "inheritedMetadata",
            "managed", "replica", "externalClusters", "startDelay", "stopDelay", "switchoverDelay", "failoverDelay",
            "smartShutdownTimeout", "logLevel", "env", "envFrom", "topologySpreadConstraints", "priorityClassName",
            "schedulerName", "serviceAccountTemplate", "certificates", "enablePDB", "nodeMaintenanceWindow",
            "plugins", "projectedVolumeTemplate", "ephemeralVolumeSource", "ephemeralVolumesSizeLimit",
            "seccompProfile", "tablespaces", "podSecurityContext", "securityContext", "probes", "postgresUID",
            "postgresGID", "livenessProbeTimeout");
    private static final Set<String> PG_BOOTSTRAP = Set.of("initdb", "recovery", "pg_basebackup");
    private static final Set<String> PG_INITDB = Set.of("database", "owner", "secret", "options", "dataChecksums",
            "encoding", "localeCollate", "localeCType", "locale", "localeProvider", "icuLocale", "icuRules",
            "builtinLocale", "walSegmentSize", "postInitSQL", "postInitApplicationSQL", "postInitTemplateSQL",
            "postInitSQLRefs", "postInitApplicationSQLRefs", "postInitTemplateSQLRefs", "import");
    private static final Set<String> PG_POSTGRESQL = Set.of("parameters", "synchronous", "pg_hba", "pg_ident",
            "shared_preload_libraries", "ldap", "promotionTimeout", "enableAlterSystem",
            "syncReplicaElectionConstraint", "extensions");
    private static final Set<String> PG_SYNCHRONOUS = Set.of("method", "number", "standbyNamesPre",
            "standbyNamesPost", "dataDurability", "maxStandbyNamesFromCluster", "failoverQuorum");
    private static final Set<String> PG_STORAGE = Set.of("size", "storageClass", "resizeInUseVolumes",
            "pvcTemplate");
    private static final Set<String> PG_AFFINITY = Set.of("enablePodAntiAffinity", "topologyKey", "nodeSelector",
            "nodeAffinity", "tolerations", "podAntiAffinityType", "additionalPodAntiAffinity",
            "additionalPodAffinity");

    private void postgresCluster(JsonNode object, String id, List<String> problems) {
        JsonNode spec = object.path("spec");
        String where = id + ".spec";
        only(spec, PG_SPEC, where, problems);
        if (!spec.path("instances").isInt() || spec.path("instances").asInt() < 1) {
            problems.add(where + ".instances: an integer >= 1 is required");
        }
        JsonNode storage = spec.path("storage");
        only(storage, PG_STORAGE, where + ".storage", problems);
        requireText(storage, "size", where + ".storage", problems);
        only(spec.path("bootstrap"), PG_BOOTSTRAP, where + ".bootstrap", problems);
        only(spec.path("bootstrap").path("initdb"), PG_INITDB, where + ".bootstrap.initdb", problems);
        JsonNode postgresql = spec.path("postgresql");
        only(postgresql, PG_POSTGRESQL, where + ".postgresql", problems);
        postgresql.path("parameters").fields().forEachRemaining(parameter -> {
            if (!parameter.getValue().isTextual()) {
                problems.add(where + ".postgresql.parameters." + parameter.getKey() + ": must be a string");
            }
        });
        JsonNode synchronous = postgresql.path("synchronous");
        only(synchronous, PG_SYNCHRONOUS, where + ".postgresql.synchronous", problems);
        if (!synchronous.isMissingNode()) {
            if (!Set.of("any", "first").contains(synchronous.path("method").asText())) {
                problems.add(where + ".postgresql.synchronous.method: must be any or first");
            }
            if (!synchronous.path("number").isInt()) {
                problems.add(where + ".postgresql.synchronous.number: an integer is required");
            }
        }
        only(spec.path("affinity"), PG_AFFINITY, where + ".affinity", problems);
        if (spec.has("resources")) {
            typed(spec.get("resources"), ResourceRequirements.class, where + ".resources", problems);
        }
        JsonNode spread = spec.path("topologySpreadConstraints");
        for (int i = 0; i < spread.size(); i++) {
            typed(spread.get(i), TopologySpreadConstraint.class, where + ".topologySpreadConstraints[" + i + "]",
                    problems);
        }
    }

    private static void only(JsonNode node, Set<String> allowed, String where, List<String> problems) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(where + ": must be an object");
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(where + ": unknown field(s) [" + name + "]");
            }
        }
    }

    private static void requireText(JsonNode node, String field, String where, List<String> problems) {
        if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
            problems.add(where + "." + field + ": a string is required");
        }
    }
}
