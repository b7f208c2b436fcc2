package dev.osk.render;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueTree;
import dev.osk.render.yaml.JsonPointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The placeholder passwords the catalogue ships ({@code change-me-...}, and the {@code replace-with-vault-ref-...}
 * references of an overlay written for a vault): values that stand for a password nobody has set yet. A
 * placeholder that reaches the rendered objects (as text, or inside a Secret's base64 {@code data}) is an error
 * naming its values path and the file that set it, unless the values set {@code global.allowPlaceholderPasswords:
 * true} (the all-in-one overlay does, for a throwaway install). A placeholder that no rendered object carries (a
 * service switched off, a template left out by {@code --show-only}) is no error.
 */
public final class PlaceholderPasswords {
    /** The beginnings that make a string value a placeholder. */
    public static final List<String> MARKERS = List.of("change-me-", "replace-with-vault-ref-");
    /** The key under {@code global} that lets a render carry placeholders. */
    public static final String ALLOW_KEY = "allowPlaceholderPasswords";

    private PlaceholderPasswords() {
    }

    public static boolean isPlaceholder(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        for (String m : MARKERS) {
            if (s.startsWith(m)) {
                return true;
            }
        }
        return false;
    }

    /** A values leaf that holds a placeholder: its path in the whole tree ({@code keystone.databases[0].password}). */
    public record Placeholder(String path, String value, String pointer, ChartInstance instance) {
    }

    /**
     * Every leaf of the tree's values holding a placeholder, once per path: each chart's own keys under its
     * place in the tree, {@code global} keys as {@code global.x}.
     */
    public static List<Placeholder> find(ChartInstance root) {
        Map<String, Placeholder> out = new LinkedHashMap<>();
        for (ChartInstance inst : root.walk()) {
            List<String> prefix = inst.valuesPath();
            for (Map.Entry<String, Object> e : inst.values().data().entrySet()) {
                boolean global = e.getKey().equals("global");
                String path = global ? "global" : join(prefix, e.getKey());
                collect(e.getValue(), path, JsonPointer.append("", e.getKey()), inst, out);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String join(List<String> prefix, String key) {
        List<String> all = new ArrayList<>(prefix);
        all.add(key);
        return dev.osk.render.values.ValuePath.format(all);
    }

    private static void collect(Object v, String path, String ptr, ChartInstance inst, Map<String, Placeholder> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                collect(e.getValue(), path + "." + k.replace(".", "\\."), JsonPointer.append(ptr, k), inst, out);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collect(l.get(i), path + "[" + i + "]", JsonPointer.append(ptr, i), inst, out);
            }
        } else if (isPlaceholder(v)) {
            out.putIfAbsent(path, new Placeholder(path, (String) v, ptr, inst));
        }
    }

    /** Whether {@link #check} can fail for a render of {@code root}: it has placeholders and does not allow them. */
    static boolean mayFail(ChartInstance root) {
        return !allowed(root) && !find(root).isEmpty();
    }

    /**
     * Fails when a placeholder reaches {@code manifests} and the values do not allow it: one line per values path,
     * at the file and line that set it ({@code tracked} gives the same tree with the origin of every value; it is
     * asked only when there is something to report).
     */
    public static void check(ChartInstance root, List<Manifest> manifests, Supplier<ChartInstance> tracked) {
        if (allowed(root)) {
            return;
        }
        List<Placeholder> found = find(root);
        if (found.isEmpty()) {
            return;
        }
        Map<Manifest, List<String>> texts = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            List<String> t = new ArrayList<>();
            strings(m.object(), t);
            if ("Secret".equals(m.kind()) && m.object().get("data") instanceof Map<?, ?> data) {
                for (Object v : data.values()) {
                    if (v instanceof String s) {
                        try {
                            t.add(new String(Base64.getMimeDecoder().decode(s), StandardCharsets.UTF_8));
                        } catch (IllegalArgumentException e) {
                            // not base64: the validator reports it
                        }
                    }
                }
            }
            texts.put(m, t);
        }
        List<Placeholder> used = new ArrayList<>();
        for (Placeholder p : found) {
            String under = p.instance().sourcePrefix() + "/";
            boolean reached = false;
            for (Map.Entry<Manifest, List<String>> e : texts.entrySet()) {
                if (!e.getKey().sourcePath().startsWith(under)) {
                    continue;
                }
                for (String s : e.getValue()) {
                    if (s.contains(p.value())) {
                        reached = true;
                        break;
                    }
                }
                if (reached) {
                    break;
                }
            }
            if (reached) {
                used.add(p);
            }
        }
        if (used.isEmpty()) {
            return;
        }
        ChartInstance withOrigins = tracked.get();
        Map<String, ChartInstance> byPrefix = new LinkedHashMap<>();
        for (ChartInstance i : withOrigins.walk()) {
            byPrefix.put(i.sourcePrefix(), i);
        }
        Set<String> lines = new LinkedHashSet<>();
        List<OskException> problems = new ArrayList<>();
        for (Placeholder p : used) {
            ChartInstance t = byPrefix.get(p.instance().sourcePrefix());
            ValueTree values = t == null ? null : t.values();
            Location origin = values == null ? null : values.originOf(p.pointer());
            OskException e = new OskException(origin, p.path() + " holds the placeholder password '" + p.value()
                    + "': set it in an overlay (osk passwords writes one) or, for a test install, set global."
                    + ALLOW_KEY + ": true");
            if (lines.add(e.getMessage())) {
                problems.add(e);
            }
        }
        throw new MultipleProblemsException(problems);
    }

    /** The characters of a generated password: letters and digits, safe in URLs, shells, SQL and YAML. */
    public static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** The length of a generated password (about 190 bits). */
    public static final int LENGTH = 32;

    /**
     * An overlay that gives every placeholder of {@code values} (the whole tree's values, as
     * {@link ValuesResolver#combined} gives them) a fresh random password: maps hold only the keys on the way to
     * a placeholder; a list that holds one is written whole (an overlay's list replaces the chart's), with only
     * its placeholders changed. Keys that hold the same placeholder get the same password (the charts use one
     * placeholder where two keys must agree, as nova's and nova-compute's service user).
     */
    public static Map<String, Object> overlay(Map<String, Object> values, java.util.Random random) {
        Map<String, String> generated = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) pick(values, random, generated);
        return out == null ? new LinkedHashMap<>() : out;
    }

    /** The parts of {@code v} on the way to a placeholder, or null when it holds none. */
    private static Object pick(Object v, java.util.Random random, Map<String, String> generated) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object c = pick(e.getValue(), random, generated);
                if (c != null) {
                    out.put(String.valueOf(e.getKey()), c);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (v instanceof List<?> l) {
            return containsPlaceholder(l) ? whole(l, random, generated) : null;
        }
        return isPlaceholder(v) ? generated.computeIfAbsent((String) v, k -> password(random)) : null;
    }

    private static boolean containsPlaceholder(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(PlaceholderPasswords::containsPlaceholder);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(PlaceholderPasswords::containsPlaceholder);
        }
        return isPlaceholder(v);
    }

    /** A copy of {@code v} with every placeholder replaced. */
    private static Object whole(Object v, java.util.Random random, Map<String, String> generated) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, c) -> out.put(String.valueOf(k), whole(c, random, generated)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(c -> out.add(whole(c, random, generated)));
            return out;
        }
        return isPlaceholder(v) ? generated.computeIfAbsent((String) v, k -> password(random)) : v;
    }

    private static String password(java.util.Random random) {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static boolean allowed(ChartInstance root) {
        return root.values().data().get("global") instanceof Map<?, ?> g && Boolean.TRUE.equals(g.get(ALLOW_KEY));
    }

    private static void strings(Object v, List<String> out) {
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.add(String.valueOf(e.getKey()));
                strings(e.getValue(), out);
            }
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                strings(o, out);
            }
        }
    }
}
