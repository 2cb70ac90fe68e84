package dev.paperstream.k8s.validation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The objects an overlay renders to, as JSON trees: `kubectl kustomize DIR`, parsed as multi-document YAML. */
public final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<ObjectNode> objects;

    public Manifests(List<ObjectNode> objects) {
        this.objects = List.copyOf(objects);
    }

    /** Renders a kustomization folder with the kubectl on the PATH; fails clearly when there is none. */
    public static Manifests render(Path kustomization) {
        File stderr;
        Process process;
        try {
            stderr = File.createTempFile("kustomize", ".err");
            stderr.deleteOnExit();
            process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectError(stderr)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render " + kustomization + " (`kubectl kustomize`),"
                    + " but it could not be started: " + e.getMessage()
                    + ". Install kubectl 1.27+ (it bundles kustomize) and put it on the PATH.", e);
        }
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed (exit "
                        + process.exitValue() + "): " + Files.readString(stderr.toPath()).trim());
            }
            return parse(out);
        } catch (IOException e) {
            throw new IllegalStateException("Reading kubectl's output failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rendering " + kustomization, e);
        }
    }

    public static Manifests parse(String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Rendered YAML does not parse: " + e.getMessage(), e);
        }
        return new Manifests(objects);
    }

    /** A deep copy, to mutate in tests. */
    public Manifests copy() {
        return new Manifests(objects.stream().map(ObjectNode::deepCopy).toList());
    }

    public List<ObjectNode> all() {
        return objects;
    }

    public Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    public Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(name(o))).findFirst();
    }

    public ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new IllegalStateException("No " + kind + " " + name));
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** {@code Kind/name}, how problems name an object. */
    public static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }
}
