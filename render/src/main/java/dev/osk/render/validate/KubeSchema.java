package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes model that objects are checked against, read from {@code kube-schema.txt}: the compact form of
 * fabric8's kubernetes-model, written at build time (see the test KubeSchemaTest), so that validating does not load
 * and reflect on hundreds of model classes. Each kind maps to its apiVersions and their types; each type to its
 * fields, in the model's order, and what each field holds. Types are read when first used. For the types
 * kube-apiserver 1.20.2 describes, its OpenAPI document adds which fields 1.20 requires; for every field a version
 * after 1.20 added, the file says which version (from the fabric8 model releases of 1.20 to 1.34).
 */
final class KubeSchema {
    /** What a value must be. */
    enum Form {
        STRING, INT32, INT64, BOOLEAN, NUMBER, INT_OR_STRING, QUANTITY, DURATION, MAP, LIST, ANY, OBJECT
    }

    /** A value's type: its form, the type of its values or items (maps, lists), its name (objects). */
    record Type(Form form, Type item, String name) {
    }

    private static final Type STRING = new Type(Form.STRING, null, null);
    private static final Type INT32 = new Type(Form.INT32, null, null);
    private static final Type INT64 = new Type(Form.INT64, null, null);
    private static final Type BOOLEAN = new Type(Form.BOOLEAN, null, null);
    private static final Type NUMBER = new Type(Form.NUMBER, null, null);
    private static final Type INT_OR_STRING = new Type(Form.INT_OR_STRING, null, null);
    private static final Type QUANTITY = new Type(Form.QUANTITY, null, null);
    private static final Type DURATION = new Type(Form.DURATION, null, null);
    private static final Type ANY = new Type(Form.ANY, null, null);

    private record Served(String apiVersion, Type type) {
    }

    private static final class Holder {
        static final KubeSchema SCHEMA = new KubeSchema();
    }

    private final String text;
    private final Map<String, List<Served>> kinds = new HashMap<>();
    /** Where each type's field lines start in {@link #text}. */
    private final Map<String, Integer> typeStarts = new HashMap<>();
    private final Map<String, Fields> fields = new ConcurrentHashMap<>();

    /**
     * The version that added a field: {@code first}, or, when no model release of the minors between tells,
     * {@code earliest} or one up to {@code first}. A target before {@code earliest} does not have the field.
     */
    record Added(KubeVersion earliest, KubeVersion first) {
        @Override
        public String toString() {
            return earliest.equals(first) ? first.toString() : earliest + " or " + first;
        }
    }

    /**
     * An object type's fields; those 1.20's OpenAPI requires; those a version after 1.20 added, and the latest
     * {@link Added#earliest()} among them (null when none), so that a target at or after it looks no further.
     */
    record Fields(Map<String, Type> types, List<String> required120, Map<String, Added> added, KubeVersion newest) {
        /** The fields {@code target} does not have, with the version that added each; null when it has them all. */
        Map<String, Added> addedAfter(KubeVersion target) {
            return newest == null || target.compareTo(newest) >= 0 ? null : added;
        }
    }

    static KubeSchema get() {
        return Holder.SCHEMA;
    }

    private KubeSchema() {
        try (InputStream in = KubeSchema.class.getResourceAsStream("kube-schema.txt")) {
            if (in == null) {
                throw new IllegalStateException("the Kubernetes model (kube-schema.txt) is missing from the build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Kubernetes model", e);
        }
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            char c = text.charAt(pos);
            if (c == 'K') {
                String[] p = text.substring(pos + 2, end).split(" ");
                kinds.computeIfAbsent(p[0], k -> new ArrayList<>()).add(new Served(p[1], object(p[2])));
            } else if (c == 'T') {
                typeStarts.put(text.substring(pos + 2, end), end + 1);
            }
            pos = end + 1;
        }
    }

    private static Type object(String name) {
        return new Type(Form.OBJECT, null, name);
    }

    /** The type of {@code kind} at {@code apiVersion}, or null when the model has none. */
    Type type(String apiVersion, String kind) {
        for (Served s : kinds.getOrDefault(kind, List.of())) {
            if (s.apiVersion().equals(apiVersion)) {
                return s.type();
            }
        }
        return null;
    }

    /** The apiVersions the model knows for {@code kind}. */
    List<String> apiVersions(String kind) {
        List<String> out = new ArrayList<>();
        for (Served s : kinds.getOrDefault(kind, List.of())) {
            out.add(s.apiVersion());
        }
        return out;
    }

    /** The fields of an object type, by JSON name, in the model's order. */
    Map<String, Type> fields(Type object) {
        return object(object).types();
    }

    /** All the schema says of an object type's fields. */
    Fields object(Type object) {
        return fields.computeIfAbsent(object.name(), this::readFields);
    }

    private Fields readFields(String name) {
        Integer start = typeStarts.get(name);
        if (start == null) {
            return new Fields(Map.of(), List.of(), Map.of(), null);
        }
        Map<String, Type> out = new LinkedHashMap<>();
        List<String> required = new ArrayList<>(0);
        Map<String, Added> added = new HashMap<>(0);
        KubeVersion newest = null;
        int pos = start;
        while (pos < text.length() && text.charAt(pos) == ' ') {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            int space = text.indexOf(' ', pos + 1);
            int[] at = {space + 1};
            String field = text.substring(pos + 1, space);
            out.put(field, parse(text, at));
            if (text.startsWith(" required", at[0])) {
                required.add(field);
            } else if (text.startsWith(" added-", at[0])) {
                Added a = added(text.substring(at[0] + 7, end));
                added.put(field, a);
                newest = newest == null || a.earliest().compareTo(newest) > 0 ? a.earliest() : newest;
            }
            pos = end + 1;
        }
        return new Fields(Collections.unmodifiableMap(out), List.copyOf(required), Map.copyOf(added), newest);
    }

    /** {@code 1.N}, or {@code 1.N-1.M}: added in 1.N or a version up to 1.M. */
    private static Added added(String mark) {
        int dash = mark.indexOf('-');
        KubeVersion earliest = KubeVersion.parse(dash < 0 ? mark : mark.substring(0, dash));
        return new Added(earliest, dash < 0 ? earliest : KubeVersion.parse(mark.substring(dash + 1)));
    }

    /** Reads one type expression at {@code at[0]}, leaving {@code at[0]} after it. */
    private static Type parse(String s, int[] at) {
        int i = at[0];
        if (s.startsWith("m(", i) || s.startsWith("a(", i)) {
            at[0] = i + 2;
            Type item = parse(s, at);
            at[0]++; // ')'
            return new Type(s.charAt(i) == 'm' ? Form.MAP : Form.LIST, item, null);
        }
        int end = i;
        while (end < s.length() && s.charAt(end) != ')' && s.charAt(end) != '\n' && s.charAt(end) != ' ') {
            end++;
        }
        at[0] = end;
        String word = s.substring(i, end);
        return switch (word) {
            case "s" -> STRING;
            case "i" -> INT32;
            case "l" -> INT64;
            case "b" -> BOOLEAN;
            case "n" -> NUMBER;
            case "ios" -> INT_OR_STRING;
            case "q" -> QUANTITY;
            case "d" -> DURATION;
            case "any" -> ANY;
            default -> {
                if (!word.startsWith("o:")) {
                    throw new IllegalStateException("kube-schema.txt: unknown type '" + word + "'");
                }
                yield object(word.substring(2));
            }
        };
    }
}
