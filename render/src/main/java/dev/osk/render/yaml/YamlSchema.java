package dev.osk.render.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * How plain (unquoted) scalars are typed.
 *
 * <ul>
 *   <li>{@link #CORE}: the YAML 1.2 core schema. Values files and {@code --set-json} use it: only
 *       {@code true}/{@code false} are booleans, so {@code yes}, {@code on} and {@code no} stay strings; merge
 *       keys ({@code <<: *base}) merge, as Helm reads values.</li>
 *   <li>{@link #KUBE}: how kubectl and the API server read YAML (YAML 1.1 style): {@code yes}, {@code on},
 *       {@code y} are booleans and {@code 0755} is an octal integer. Rendered documents are read with it, so osk
 *       sees exactly what the cluster will see.</li>
 * </ul>
 * {@link #isAmbiguous(String)} answers whether a string would be misread by <em>any</em> YAML reader; such
 * strings are always quoted on output.
 */
public enum YamlSchema {
    CORE, KUBE;

    static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    static final Pattern KUBE_BOOL = Pattern.compile(
            "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern CORE_INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    static final Pattern KUBE_INT = Pattern.compile(
            "^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|0[0-7_]+|[1-9][0-9_]*|0)$");
    static final Pattern CORE_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    static final Pattern KUBE_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9_]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    static final Pattern MERGE = Pattern.compile("^<<$");
    /** Forms that some YAML 1.1 reader types although neither schema above does. */
    static final Pattern OTHER_11 = Pattern.compile(
            "^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?|=|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?.*)$");

    private static final String NUM_FIRST = "-+0123456789.";
    /** Every string some reader types starts with one of these (numbers, booleans, null, merge, value). */
    private static final java.util.Set<String> WORDS = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "n", "N",
            "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
            "null", "Null", "NULL");
    private static final String AMBIGUOUS_FIRST = "-+0123456789.~nNyYtTfFoO<=";

    Resolver resolver() {
        return this == CORE ? new CoreResolver() : new KubeResolver();
    }

    /** A resolver that types a plain scalar whenever any reader would: used to decide quoting on output. */
    static Resolver quotingResolver() {
        return new QuotingResolver();
    }

    /** True when a plain {@code s} would not read back as the same string in some YAML reader. */
    public static boolean isAmbiguous(String s) {
        if (s.isEmpty()) {
            return true;
        }
        char c = s.charAt(0);
        if (AMBIGUOUS_FIRST.indexOf(c) < 0) {
            return false;
        }
        if (Character.isLetter(c)) {
            return s.length() <= 5 && WORDS.contains(s);
        }
        if (s.length() > 32) {
            return matchesAnyType(s);
        }
        // numbers and quantities ("100m", "8080") recur on every object: each is tried against the patterns once
        Boolean known = AMBIGUOUS.get(s);
        if (known == null) {
            known = matchesAnyType(s);
            if (AMBIGUOUS.size() >= 16_384) {
                AMBIGUOUS.clear();
            }
            AMBIGUOUS.put(s, known);
        }
        return known;
    }

    private static final java.util.Map<String, Boolean> AMBIGUOUS = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean matchesAnyType(String s) {
        return CORE_BOOL.matcher(s).matches() || KUBE_BOOL.matcher(s).matches() || NULL.matcher(s).matches()
                || CORE_INT.matcher(s).matches() || KUBE_INT.matcher(s).matches()
                || CORE_FLOAT.matcher(s).matches() || KUBE_FLOAT.matcher(s).matches()
                || MERGE.matcher(s).matches() || OTHER_11.matcher(s).matches()
                || Resolver.BOOL.matcher(s).matches() || Resolver.FLOAT.matcher(s).matches()
                || Resolver.INT.matcher(s).matches() || Resolver.TIMESTAMP.matcher(s).matches();
    }

    /**
     * Remembers how each short plain scalar was typed: a render reads the same keys and values (name, labels,
     * ports, "100m") thousands of times, and typing one runs up to three regular expressions. A reader's resolver
     * belongs to one thread (YamlReader keeps one per thread), so the memory is a plain map, emptied when it grows
     * large.
     */
    private abstract static class RememberingResolver extends Resolver {
        private final java.util.Map<String, Tag> typed = new java.util.HashMap<>();

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind != NodeId.scalar || !implicit || value.length() > 32) {
                return super.resolve(kind, value, implicit);
            }
            Tag tag = typed.get(value);
            if (tag == null) {
                tag = super.resolve(kind, value, true);
                if (typed.size() >= 16_384) {
                    typed.clear();
                }
                typed.put(value, tag);
            }
            return tag;
        }
    }

    private static final class CoreResolver extends RememberingResolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, CORE_BOOL, "tfTF");
            addImplicitResolver(Tag.INT, CORE_INT, NUM_FIRST);
            addImplicitResolver(Tag.FLOAT, CORE_FLOAT, NUM_FIRST);
            // not part of YAML 1.2, but Helm and kubectl (go-yaml) honour merge keys in values files too
            addImplicitResolver(Tag.MERGE, YamlSchema.MERGE, "<");
            addImplicitResolver(Tag.NULL, YamlSchema.NULL, "~nN\0");
        }
    }

    private static final class KubeResolver extends RememberingResolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, KUBE_BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, KUBE_INT, NUM_FIRST);
            addImplicitResolver(Tag.FLOAT, KUBE_FLOAT, NUM_FIRST);
            addImplicitResolver(Tag.MERGE, YamlSchema.MERGE, "<");
            addImplicitResolver(Tag.NULL, YamlSchema.NULL, "~nN\0");
        }
    }

    private static final class QuotingResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit) {
                if (isAmbiguous(value)) {
                    // Any non-str answer makes the emitter quote a string; numbers and booleans we emit
                    // ourselves always match one of these patterns, so they stay plain.
                    if (CORE_BOOL.matcher(value).matches()) {
                        return Tag.BOOL;
                    }
                    if (YamlSchema.NULL.matcher(value).matches()) {
                        return Tag.NULL;
                    }
                    if (CORE_INT.matcher(value).matches()) {
                        return Tag.INT;
                    }
                    if (CORE_FLOAT.matcher(value).matches()) {
                        return Tag.FLOAT;
                    }
                    return Tag.TIMESTAMP;
                }
                return Tag.STR;
            }
            return super.resolve(kind, value, implicit);
        }
    }
}
