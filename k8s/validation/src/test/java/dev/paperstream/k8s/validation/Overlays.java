package dev.paperstream.k8s.validation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Renders each overlay once per test run (kubectl takes about a second per render). */
final class Overlays {

    static final ProjectLayout LAYOUT = ProjectLayout.locate();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    /** The rendered overlay; callers that mutate must take a {@link Manifests#copy()}. */
    static Manifests rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> Manifests.render(LAYOUT.overlay(name)));
    }
}
