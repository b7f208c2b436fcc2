import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Writes {@code fields.txt}: for every field of the newest model (the last release given) that an earlier model
 * release lacks, the first Kubernetes minor whose release has it. Run by {@code fields.sh}, which fetches the
 * releases; arguments: {@code MINOR=VERSION=DIR} for each release, oldest first, DIR holding its jars.
 *
 * <p>Each release is loaded in its own class loader and walked with reflection from its kinds down, the way
 * KubeSchemaGenerator walks the newest one: a type's fields are its JSON property names (superclasses
 * included), and a field's type is followed into lists' items and maps' values. The newest release's kinds are
 * those its modules list in {@code META-INF/services}; an older release's kinds are its classes annotated with
 * fabric8's {@code @Version}, found by scanning its jars (releases before 6 list no services). A type of the
 * newest model is matched to an older release's type by walking both from each kind at the same apiVersion,
 * field by field; a field is present in a release when a type matched to its owner has it.
 *
 * <p>A line is written for a field whose first release is later than the first release of its type (the
 * earliest release where the type was matched) and later than the oldest release: fields that came with their
 * type come with a kind or a field that is listed itself.
 */
public class FieldVersions {
    private static final String SERVICES = "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource";

    record Release(String minor, String version, ClassLoader loader, Map<String, Class<?>> kinds) {
    }

    /** Newest type name to field name to the releases (by index) that have the field. */
    private final Map<String, Map<String, Set<Integer>>> present = new TreeMap<>();
    /** Newest type name to the releases (by index) where it was matched. */
    private final Map<String, Set<Integer>> matched = new TreeMap<>();
    private final Map<Class<?>, Map<String, Type>> properties = new HashMap<>();

    public static void main(String[] args) throws Exception {
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String[] p = args[i].split("=", 3);
            releases.add(load(p[0], p[1], Path.of(p[2]), i == args.length - 1));
        }
        System.out.print(new FieldVersions().digest(releases));
    }

    private String digest(List<Release> releases) {
        int newest = releases.size() - 1;
        Release top = releases.get(newest);
        for (int r = 0; r <= newest; r++) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, Class<?>> k : top.kinds().entrySet()) {
                Class<?> old = releases.get(r).kinds().get(k.getKey());
                if (old != null) {
                    match(k.getValue(), old, r, seen);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# The first Kubernetes minor whose fabric8 kubernetes-model release has each field that a release\n");
        sb.append("# after the oldest added to a type an earlier release had; written by fields.sh: do not edit.\n");
        sb.append("# R minor release | type field minor (type: the newest model's class)\n");
        for (Release r : releases) {
            sb.append("R ").append(r.minor()).append(' ').append(r.version()).append(" kinds=")
                    .append(r.kinds().size()).append('\n');
        }
        for (Map.Entry<String, Map<String, Set<Integer>>> t : present.entrySet()) {
            int typeFirst = matched.get(t.getKey()).stream().min(Integer::compare).orElseThrow();
            for (Map.Entry<String, Set<Integer>> f : new TreeMap<>(t.getValue()).entrySet()) {
                int first = f.getValue().stream().min(Integer::compare).orElse(newest);
                if (first > typeFirst && first > 0) {
                    sb.append(t.getKey()).append(' ').append(f.getKey()).append(' ')
                            .append(releases.get(first).minor()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Records that newest type {@code top} stands for {@code old} in release {@code r}, and on down the fields. */
    private void match(Class<?> top, Class<?> old, int r, Set<String> seen) {
        if (!seen.add(top.getName() + " " + old.getName())) {
            return;
        }
        matched.computeIfAbsent(top.getName(), k -> new TreeSet<>()).add(r);
        Map<String, Set<Integer>> fields = present.computeIfAbsent(top.getName(), k -> new LinkedHashMap<>());
        Map<String, Type> oldProps = properties(old);
        for (Map.Entry<String, Type> p : properties(top).entrySet()) {
            Set<Integer> in = fields.computeIfAbsent(p.getKey(), k -> new TreeSet<>());
            Type oldType = oldProps.get(p.getKey());
            if (oldType == null) {
                continue;
            }
            in.add(r);
            Class<?> a = element(p.getValue());
            Class<?> b = element(oldType);
            if (!isFreeForm(a) && !isFreeForm(b) && !properties(a).isEmpty() && !properties(b).isEmpty()) {
                match(a, b, r, seen);
            }
        }
    }

    /** The class a field holds: a list's items, a map's values, else the field's own class. */
    private static Class<?> element(Type t) {
        Class<?> raw = raw(t);
        if (List.class.isAssignableFrom(raw)) {
            return element(typeArg(t, 0));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return element(typeArg(t, 1));
        }
        return raw;
    }

    /** As KubeSchemaGenerator: types validation does not look into. */
    private static boolean isFreeForm(Class<?> raw) {
        String n = raw.getName();
        return raw == Object.class || raw.isPrimitive() || n.startsWith("java.") || n.startsWith("com.fasterxml.jackson")
                || n.endsWith(".AnyType") || n.contains("JSONSchemaProps") || n.endsWith(".JSON")
                || n.endsWith(".RawExtension") || n.equals("io.fabric8.kubernetes.api.model.KubernetesResource")
                || n.equals("io.fabric8.kubernetes.api.model.HasMetadata") || raw.isInterface();
    }

    private Map<String, Type> properties(Class<?> c) {
        return properties.computeIfAbsent(c, FieldVersions::scan);
    }

    /** JSON property names of {@code c}'s fields, superclasses after, as KubeSchemaGenerator reads them. */
    private static Map<String, Type> scan(Class<?> c) {
        Map<String, Type> out = new LinkedHashMap<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                String name = annotationValue(f.getAnnotations(), "com.fasterxml.jackson.annotation.JsonProperty");
                if (name != null && !name.isEmpty()) {
                    out.putIfAbsent(name, f.getGenericType());
                }
            }
        }
        return out;
    }

    private static String annotationValue(Annotation[] annotations, String type) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(type)) {
                try {
                    return (String) a.annotationType().getMethod("value").invoke(a);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
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

    private static Release load(String minor, String version, Path dir, boolean newest) throws IOException {
        List<Path> jars;
        try (Stream<Path> s = Files.list(dir)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        Set<String> names = new TreeSet<>();
        if (newest) {
            Enumeration<URL> services = loader.getResources(SERVICES);
            while (services.hasMoreElements()) {
                try (InputStream in = services.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        line = line.trim();
                        if (!line.isEmpty() && !line.startsWith("#")) {
                            names.add(line);
                        }
                    }
                }
            }
        } else {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().startsWith("kubernetes-model-")) {
                    continue;
                }
                try (JarFile j = new JarFile(jar.toFile())) {
                    for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.endsWith(".class") && !n.contains("$") && n.startsWith("io/fabric8/kubernetes/api/model/")
                                && !n.endsWith("Builder.class") && !n.endsWith("Fluent.class")
                                && !n.endsWith("FluentImpl.class")) {
                            names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                        }
                    }
                }
            }
        }
        Map<String, Class<?>> kinds = new TreeMap<>();
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            String v = annotationValue(c.getAnnotations(), "io.fabric8.kubernetes.model.annotation.Version");
            if (v == null && !newest) {
                continue;
            }
            String g = annotationValue(c.getAnnotations(), "io.fabric8.kubernetes.model.annotation.Group");
            String apiVer = v == null ? "v1" : v;
            String apiVersion = g == null || g.isEmpty() ? apiVer : g + "/" + apiVer;
            kinds.putIfAbsent(apiVersion + " " + c.getSimpleName(), c);
        }
        return new Release(minor, version, loader, kinds);
    }
}
