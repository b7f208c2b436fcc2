package dev.osk.render.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code kube-schema.txt}, the compact form of the fabric8 kubernetes-model that validation walks
 * ({@link KubeSchema}): every kind with its apiVersions and model type, and every type reachable from them with
 * its fields (their JSON names, in declaration order, superclasses after) and what each field holds. A real
 * server's OpenAPI document says more: the digest of kube-apiserver 1.20.2's
 * ({@code test-fixtures/validate/openapi/kube-1.20.txt}) marks each field of a type that 1.20 describes as
 * {@code required} when 1.20 requires it. A model type is matched to the server's definitions by walking both from
 * each kind, field by field.
 *
 * <p>A field that a later version added is marked {@code added-1.N} (or {@code added-1.N-1.M}: added in 1.N or
 * 1.M, when no model release was built from 1.N). Which version added it comes from
 * {@code test-fixtures/validate/versions/fields.txt}, the first Kubernetes minor whose fabric8 model release has
 * the field. Those releases, each the first one built from its minor, established from the release itself (its
 * CHANGELOG entry "Update Kubernetes Model to v1.N", the {@code k8s.io/api} module version in the release's
 * {@code kubernetes-model-generator/go.mod} up to 6.x, and the {@code kubernetes-1.N.json} OpenAPI schema that 7.x
 * generates the model from):
 * 1.20 5.1.0 (v1.20.2), 1.21 5.4.0 (v1.21.0), 1.22 5.8.0 (v1.22.1), 1.23 5.12.0 (v1.23.0), 1.24 6.0.0 (v1.24.0),
 * 1.25 6.2.0 (v1.25.0), 1.26 6.5.0 (v1.26.0), 1.27 6.8.0 (v1.27.3), 1.28 6.9.0 (v1.28.2), 1.29 6.10.0 (v1.29.0),
 * 1.30 6.13.0 (v1.30.0), 1.32 7.1.0 (v1.32.1), 1.33 7.2.0 (v1.33.0), 1.34 7.5.2 (v1.34.1, the bundled model).
 * No release was built from 1.31 (7.0.x is 1.30.0's, 7.1.0 the next), so a field first in 7.1.0 is marked
 * {@code added-1.31-1.32}. For the types 1.20's OpenAPI describes, it stays the truth for 1.20: a field it has is
 * not marked even when the 1.20 model release lacks it, and a field it lacks is marked at least 1.21.
 */
final class KubeSchemaGenerator {
    private final SchemaRegistry registry = new SchemaRegistry();
    private final Map<Class<?>, Map<String, Type>> properties = new LinkedHashMap<>();
    private final OpenApiDigest v120;
    private final FieldVersionDigest versions;
    /** The 1.20 definitions each model type stands for. */
    private final Map<Class<?>, Set<String>> definitions = new HashMap<>();

    private KubeSchemaGenerator(OpenApiDigest v120, FieldVersionDigest versions) {
        this.v120 = v120;
        this.versions = versions;
    }

    static String generate(Path digest120, Path fieldVersions) {
        return new KubeSchemaGenerator(OpenApiDigest.read(digest120), FieldVersionDigest.read(fieldVersions)).text();
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("# The Kubernetes model that validation checks objects against, generated from fabric8's\n");
        sb.append("# kubernetes-model by KubeSchemaTest: do not edit (mvn -B verify -Dosk.updateGolden=true).\n");
        sb.append("# K kind apiVersion type | T type, then ' field what' lines: s string, i int32, l int64,\n");
        sb.append("# b boolean, n number, ios int-or-string, q quantity, d duration, any, m(x) map, a(x) list, o:type;\n");
        sb.append("# then 'required' (kube-apiserver 1.20.2's OpenAPI requires it) or 'added-1.N' (Kubernetes 1.N added it;\n");
        sb.append("# 'added-1.N-1.M': 1.N or 1.M, no model release of 1.N tells)\n");
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (Map.Entry<String, List<Class<?>>> e : registry.kinds().entrySet()) {
            for (Class<?> c : e.getValue()) {
                sb.append("K ").append(e.getKey()).append(' ').append(SchemaRegistry.apiVersionOf(c)).append(' ')
                        .append(c.getName()).append('\n');
                if (seen.add(c)) {
                    todo.add(c);
                }
            }
        }
        for (Map.Entry<String, List<Class<?>>> e : registry.kinds().entrySet()) {
            for (Class<?> c : e.getValue()) {
                String definition = v120.kind(SchemaRegistry.apiVersionOf(c) + "/" + e.getKey());
                if (definition != null) {
                    match(c, definition);
                }
            }
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            Map<String, Type> props = properties(c);
            sb.append("T ").append(c.getName()).append('\n');
            for (Map.Entry<String, Type> p : props.entrySet()) {
                sb.append(' ').append(p.getKey()).append(' ').append(expr(p.getValue(), seen, todo))
                        .append(marks(c, p.getKey())).append('\n');
            }
        }
        return sb.toString();
    }

    /** Records that model type {@code c} stands for 1.20's {@code definition}, and so on down their fields. */
    private void match(Class<?> c, String definition) {
        if (!definitions.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(definition)) {
            return;
        }
        for (Map.Entry<String, Type> p : properties(c).entrySet()) {
            OpenApiDigest.Property prop = v120.property(definition, p.getKey());
            if (prop == null || prop.ref() == null) {
                continue;
            }
            Type t = p.getValue();
            Class<?> raw = raw(t);
            Class<?> target = List.class.isAssignableFrom(raw) ? raw(typeArg(t, 0))
                    : Map.class.isAssignableFrom(raw) ? raw(typeArg(t, 1)) : raw;
            if (!isFreeForm(target) && !properties(target).isEmpty() && v120.describes(prop.ref())) {
                match(target, prop.ref());
            }
        }
    }

    /**
     * What 1.20's OpenAPI says of field {@code name} of model type {@code c}, when 1.20 has the type, and which later
     * version added it.
     */
    private String marks(Class<?> c, String name) {
        Set<String> defs = definitions.get(c);
        String added = versions.added(c.getName(), name);
        if (defs == null) {
            return added == null ? "" : " added-" + added;
        }
        boolean required = true;
        boolean absent = true;
        for (String d : defs) {
            OpenApiDigest.Property prop = v120.property(d, name);
            absent &= prop == null;
            required &= prop != null && prop.required();
        }
        if (required) {
            return " required";
        }
        if (!absent) {
            return "";
        }
        return " added-" + (added == null ? versions.afterOldest() : added);
    }

    /** What SchemaWalker checks a value of {@code type} for, as the schema file writes it. */
    private String expr(Type type, Set<Class<?>> seen, Deque<Class<?>> todo) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return "s";
        } else if (raw == Integer.class || raw == int.class || raw == Short.class) {
            return "i";
        } else if (raw == Long.class || raw == long.class) {
            return "l";
        } else if (raw == Boolean.class || raw == boolean.class) {
            return "b";
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return "n";
        } else if (raw.getName().equals("io.fabric8.kubernetes.api.model.IntOrString")) {
            return "ios";
        } else if (raw.getName().equals("io.fabric8.kubernetes.api.model.Quantity")) {
            return "q";
        } else if (raw.getName().equals("io.fabric8.kubernetes.api.model.Duration")) {
            return "d";
        } else if (raw.getName().equals("io.fabric8.kubernetes.api.model.MicroTime")) {
            // fabric8 holds metav1.MicroTime as an object with one property, but writes and reads it as a string
            // (MicroTimeSerDes), as the server decodes it: a JSON string (RFC 3339 with six fractional digits,
            // which the kinds' rules check) or null
            return "s";
        } else if (Map.class.isAssignableFrom(raw)) {
            return "m(" + expr(typeArg(type, 1), seen, todo) + ")";
        } else if (List.class.isAssignableFrom(raw)) {
            return "a(" + expr(typeArg(type, 0), seen, todo) + ")";
        } else if (isFreeForm(raw) || properties(raw).isEmpty()) {
            return "any";
        }
        if (seen.add(raw)) {
            todo.add(raw);
        }
        return "o:" + raw.getName();
    }

    private static boolean isFreeForm(Class<?> raw) {
        String n = raw.getName();
        return raw == Object.class || n.startsWith("com.fasterxml.jackson") || n.endsWith(".AnyType")
                || n.contains("JSONSchemaProps") || n.endsWith(".JSON") || n.endsWith(".RawExtension")
                || n.equals("io.fabric8.kubernetes.api.model.KubernetesResource")
                || n.equals("io.fabric8.kubernetes.api.model.HasMetadata") || raw.isInterface();
    }

    private Map<String, Type> properties(Class<?> c) {
        return properties.computeIfAbsent(c, KubeSchemaGenerator::scan);
    }

    private static Map<String, Type> scan(Class<?> c) {
        Map<String, Type> out = new LinkedHashMap<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                JsonProperty jp = f.getAnnotation(JsonProperty.class);
                if (jp != null && !jp.value().isEmpty()) {
                    out.putIfAbsent(jp.value(), f.getGenericType());
                }
            }
        }
        return out;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArg(Type t, int i) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
            return p.getActualTypeArguments()[i];
        }
        return Object.class;
    }
}
