package dev.osk.render.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * One-change mutants of real objects, for the differential test against a real API server
 * (test-fixtures/validate/mutants/README.md). Seeds are the objects of test-fixtures/validate/mutants/seeds and of the
 * valid corpus (test-fixtures/validate/valid); each mutant changes one node of one seed by one operator: remove a
 * field, add an unknown one, give a field the wrong type, an empty, too long or badly formed string, a negative, zero
 * or too large number, an unknown enum value, an empty or duplicated list, a percentage over 100, a bad schedule.
 * A seed's objects are walked in document order; a mutant is kept only for the first node of its kind whose
 * path (list indices and free-form map keys folded to '*') meets that operator, so the same change to the same
 * field of 66 Roles is tried once. The order and the ids are stable: an id names the seed file, the object, the
 * operator and the JSON pointer of the node changed, and the server's verdicts are recorded by id.
 */
final class Mutants {
    /** One mutant: its stable id (seed, operator, JSON pointer) and its YAML text (one document). */
    record Mutant(String id, String yaml) {
    }

    /** Keys whose maps hold free-form keys (labels, config files, resource names), folded to '*' in paths. */
    private static final Set<String> FREE_FORM = Set.of("labels", "annotations", "data", "stringData", "binaryData",
            "matchLabels", "nodeSelector", "parameters", "hard", "capacity", "limits", "requests", "max", "min",
            "default", "defaultRequest", "maxLimitRequestRatio", "allocatable");
    private static final Pattern ENUM = Pattern.compile("[A-Z][A-Za-z]+");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?([a-zA-Z]{1,2})?");
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
    private static final Pattern CRON = Pattern.compile("(\\S+\\s+){4}\\S+");

    private final List<Mutant> out = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final Yaml dumper;

    private Mutants() {
        DumperOptions d = new DumperOptions();
        d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        d.setWidth(Integer.MAX_VALUE);
        d.setSplitLines(false);
        dumper = new Yaml(d);
    }

    /** The seed files: the mutant seeds, then the valid corpus, in name order. */
    static List<Path> seedFiles(Path validateDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("mutants/seeds", "valid")) {
            try (Stream<Path> s = Files.list(validateDir.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /**
     * The seed objects of one file: each document (a List's items one by one), without metadata.namespace, keyed
     * by a stable name "file#index/kind/name".
     */
    static Map<String, Map<String, Object>> seeds(Path validateDir, Path file) throws IOException {
        Map<String, Map<String, Object>> seeds = new LinkedHashMap<>();
        String rel = validateDir.relativize(file).toString();
        int i = 0;
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
            if (!(doc instanceof Map<?, ?> m)) {
                continue;
            }
            List<Object> objects = new ArrayList<>();
            if ("List".equals(m.get("kind")) && m.get("items") instanceof List<?> items) {
                objects.addAll(items);
            } else {
                objects.add(m);
            }
            for (Object o : objects) {
                @SuppressWarnings("unchecked")
                Map<String, Object> obj = (Map<String, Object>) o;
                if (obj.get("metadata") instanceof Map<?, ?> meta) {
                    meta.remove("namespace");
                }
                String name = obj.get("metadata") instanceof Map<?, ?> meta ? String.valueOf(meta.get("name")) : "?";
                seeds.put(rel + "#" + i++ + "/" + obj.get("kind") + "/" + name, obj);
            }
        }
        return seeds;
    }

    /** Every mutant of every seed of the seed files that {@code valid} accepts as it is. */
    static List<Mutant> all(Path validateDir, java.util.function.Predicate<String> valid) throws IOException {
        Mutants m = new Mutants();
        for (Path f : seedFiles(validateDir)) {
            for (Map.Entry<String, Map<String, Object>> e : seeds(validateDir, f).entrySet()) {
                if (valid.test(m.dumper.dump(e.getValue()))) {
                    m.seed(e.getKey(), e.getValue());
                }
            }
        }
        return m.out;
    }

    private String seedName;
    private Map<String, Object> seedObject;

    private void seed(String name, Map<String, Object> obj) {
        seedName = name;
        seedObject = obj;
        String type = obj.get("apiVersion") + " " + obj.get("kind");
        if (seen.add(type + " none")) {
            emit("none", "", obj);
        }
        walk(obj, "", type + " ");
    }

    private void walk(Object node, String pointer, String path) {
        if (node instanceof Map<?, ?> map) {
            boolean freeForm = FREE_FORM.contains(lastKey(pointer));
            // a free-form map takes any key that is well formed, so it gets a badly formed one instead
            String added = freeForm ? "bad key!" : "oskUnknownField";
            try_(path, freeForm ? "add-bad-key" : "add-unknown-field", pointer, n -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) n);
                copy.put(added, "x");
                return copy;
            });
            if (!pointer.isEmpty()) {
                try_(path, "wrong-type-list", pointer, n -> List.of("x"));
                try_(path, "wrong-type-string", pointer, n -> "x");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                String childPath = path + "." + (freeForm ? "*" : key);
                if (!pointer.isEmpty() || !key.equals("apiVersion") && !key.equals("kind")) {
                    try_(childPath, "remove", childPointer, null, true);
                }
                walk(e.getValue(), childPointer, childPath);
            }
        } else if (node instanceof List<?> list) {
            try_(path, "empty-list", pointer, n -> List.of());
            if (!list.isEmpty()) {
                try_(path, "duplicate-item", pointer, n -> {
                    List<Object> copy = new ArrayList<>((List<?>) n);
                    copy.add(deepCopy(copy.get(0)));
                    return copy;
                });
            }
            try_(path, "wrong-type-object", pointer, n -> Map.of("x", "y"));
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), pointer + "/" + i, path + "[*]");
            }
        } else if (node instanceof String s) {
            if (pointer.equals("/apiVersion") || pointer.equals("/kind")) {
                return;
            }
            try_(path, "empty-string", pointer, n -> "");
            try_(path, "bad-characters", pointer, n -> "Bad_Value!");
            try_(path, "too-long", pointer, n -> "a".repeat(254));
            try_(path, "wrong-type-int", pointer, n -> 7);
            if (ENUM.matcher(s).matches()) {
                try_(path, "unknown-enum", pointer, n -> "Bogus" + s);
            }
            if (QUANTITY.matcher(s).matches()) {
                try_(path, "negative-quantity", pointer, n -> "-" + s);
                try_(path, "bad-quantity", pointer, n -> s + "x1");
            }
            if (PERCENT.matcher(s).matches()) {
                try_(path, "percent-over-100", pointer, n -> "150%");
            }
            if (CRON.matcher(s).matches() && !s.contains("\n") && lastKey(pointer).equals("schedule")) {
                try_(path, "bad-schedule-minute", pointer, n -> "61 * * * *");
                try_(path, "bad-schedule-fields", pointer, n -> "* * *");
            }
        } else if (node instanceof Integer || node instanceof Long) {
            try_(path, "negative", pointer, n -> -1);
            try_(path, "zero", pointer, n -> 0);
            try_(path, "too-large", pointer, n -> 2147483648L);
            try_(path, "wrong-type-string", pointer, n -> "seven");
            try_(path, "fraction", pointer, n -> 1.5);
        } else if (node instanceof Boolean) {
            try_(path, "wrong-type-string", pointer, n -> "yes");
        }
    }

    private interface Mutator {
        Object apply(Object node);
    }

    private void try_(String path, String operator, String pointer, Mutator mutator) {
        try_(path, operator, pointer, mutator, false);
    }

    /** Emits the mutant unless this operator was tried on this path (which starts with the seed's type) before. */
    private void try_(String path, String operator, String pointer, Mutator mutator, boolean remove) {
        if (!seen.add(path + " " + operator)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) deepCopy(seedObject);
        if (pointer.isEmpty()) {
            copy = (Map<String, Object>) mutator.apply(copy);
        } else {
            replace(copy, pointer, mutator, remove);
        }
        emit(operator, pointer, copy);
    }

    private void emit(String operator, String pointer, Map<String, Object> obj) {
        String id = seedName + " " + operator + " " + (pointer.isEmpty() ? "/" : pointer);
        out.add(new Mutant(id, dumper.dump(obj)));
    }

    @SuppressWarnings("unchecked")
    private static void replace(Map<String, Object> root, String pointer, Mutator mutator, boolean remove) {
        String[] parts = pointer.substring(1).split("/", -1);
        Object parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = child(parent, unescape(parts[i]));
        }
        String last = unescape(parts[parts.length - 1]);
        if (parent instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            if (remove) {
                map.remove(last);
            } else {
                map.put(last, mutator.apply(map.get(last)));
            }
        } else {
            List<Object> list = (List<Object>) parent;
            int i = Integer.parseInt(last);
            if (remove) {
                list.remove(i);
            } else {
                list.set(i, mutator.apply(list.get(i)));
            }
        }
    }

    private static Object child(Object node, String key) {
        return node instanceof Map<?, ?> m ? m.get(key) : ((List<?>) node).get(Integer.parseInt(key));
    }

    private static String unescape(String part) {
        return part.replace("~1", "/").replace("~0", "~");
    }

    private static String lastKey(String pointer) {
        return unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return node;
    }
}
