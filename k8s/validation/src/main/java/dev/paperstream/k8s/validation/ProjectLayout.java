package dev.paperstream.k8s.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The repository as the checks see it: the k8s overlays, the project version and the service modules. */
public record ProjectLayout(Path root) {

    /** Finds the repository root by walking up from the working directory to the folder holding k8s/base. */
    public static ProjectLayout locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("k8s/base/kustomization.yaml"))
                    && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return new ProjectLayout(candidate);
            }
        }
        throw new IllegalStateException("No k8s/base/kustomization.yaml above " + dir);
    }

    public Path overlay(String name) {
        return root.resolve("k8s/overlays").resolve(name);
    }

    /** The root POM's version: the tag every image must carry. */
    public String projectVersion() {
        return childText(pom(root.resolve("pom.xml")).getDocumentElement(), "version");
    }

    /** The reactor's Quarkus services: modules of the root POM that have an application.properties. */
    public List<ServiceModule> services() {
        Element project = pom(root.resolve("pom.xml")).getDocumentElement();
        List<ServiceModule> services = new ArrayList<>();
        for (Element modules : children(project, "modules")) {
            for (Element module : children(modules, "module")) {
                Path dir = root.resolve(module.getTextContent().trim());
                if (Files.isRegularFile(dir.resolve("src/main/resources/application.properties"))) {
                    services.add(ServiceModule.load(dir));
                }
            }
        }
        return services;
    }

    static Document pom(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    static String childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
