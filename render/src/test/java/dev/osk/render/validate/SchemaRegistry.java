package dev.osk.render.validate;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the fabric8 kubernetes-model type of a kind at an apiVersion (for {@link KubeSchemaGenerator}). The model modules list their resource
 * classes in {@code META-INF/services}; a class is loaded only when a manifest of its kind is validated.
 */
final class SchemaRegistry {
    private static final String SERVICES = "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource";

    /** Simple class name (the kind) to the fully qualified names that carry it. */
    private final Map<String, List<String>> byKind = new java.util.LinkedHashMap<>();
    private final Map<String, Class<?>> resolved = new ConcurrentHashMap<>();
    private final ClassLoader loader;

    SchemaRegistry() {
        loader = SchemaRegistry.class.getClassLoader();
        try {
            Enumeration<URL> urls = loader.getResources(SERVICES);
            while (urls.hasMoreElements()) {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(urls.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        line = line.trim();
                        if (line.isEmpty() || line.startsWith("#")) {
                            continue;
                        }
                        String simple = line.substring(line.lastIndexOf('.') + 1);
                        byKind.computeIfAbsent(simple, k -> new ArrayList<>()).add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Kubernetes model index", e);
        }
    }

    /** The model class for {@code apiVersion kind}, or null. */
    Class<?> type(String apiVersion, String kind) {
        String key = apiVersion + " " + kind;
        Class<?> c = resolved.get(key);
        if (c != null) {
            return c;
        }
        for (Class<?> candidate : candidates(kind)) {
            if (apiVersionOf(candidate).equals(apiVersion)) {
                resolved.put(key, candidate);
                return candidate;
            }
        }
        return null;
    }

    /** The apiVersions the model knows for {@code kind}. */
    List<String> apiVersions(String kind) {
        List<String> out = new ArrayList<>();
        for (Class<?> c : candidates(kind)) {
            out.add(apiVersionOf(c));
        }
        return out;
    }

    /** Every kind with its model classes, in the order the model lists them. */
    Map<String, List<Class<?>>> kinds() {
        Map<String, List<Class<?>>> out = new java.util.LinkedHashMap<>();
        for (String kind : byKind.keySet()) {
            List<Class<?>> c = candidates(kind);
            if (!c.isEmpty()) {
                out.put(kind, c);
            }
        }
        return out;
    }

    private List<Class<?>> candidates(String kind) {
        List<Class<?>> out = new ArrayList<>();
        for (String name : byKind.getOrDefault(kind, List.of())) {
            try {
                out.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // listed but not present: ignore
            }
        }
        return out;
    }

    static String apiVersionOf(Class<?> c) {
        Group g = c.getAnnotation(Group.class);
        Version v = c.getAnnotation(Version.class);
        String version = v == null ? "v1" : v.value();
        return g == null || g.value().isEmpty() ? version : g.value() + "/" + version;
    }
}
