package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import dev.osk.render.yaml.JsonPointer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Checks an object against a type of the Kubernetes model ({@link KubeSchema}), strictly: every field must be one the type declares
 * (fabric8's models would keep unknown fields in {@code additionalProperties}; here they are errors), and every
 * value must have the JSON type the field needs: a string is not an integer, a number is not a string, an object
 * is not a list. Quantities are checked for their format on the way.
 *
 * <p>A target gets the fields of its version, no later ones: kube-apiserver 1.20.2's OpenAPI document tells the
 * fields up to 1.20, the fabric8 model releases of 1.21 to 1.34 which version added each later one. Targets before
 * 1.25 also get its required fields: kubectl checks them against the server's OpenAPI document when the server
 * cannot validate fields itself (server-side field validation came in 1.25), and beyond those the server's own
 * rules (ApiRules) decide what must be set.
 */
final class SchemaWalker {
    interface Sink {
        void report(Check check, String pointer, String message);
    }

    private SchemaWalker() {
    }

    /** What the target version adds to the model's field types. */
    private record Target(KubeVersion version, boolean required120) {
    }

    static void walk(Object value, KubeSchema.Type type, String ptr, KubeVersion version, Sink sink) {
        Target target = new Target(version, !version.atLeast(new KubeVersion(1, 25)));
        walk(value, type, new Path(null, ptr, -1), target, sink);
    }

    /**
     * Where the walk is, as a chain of steps: the JSON pointer is written out only when something is reported
     * (a walk visits every node of every object; most are fine).
     */
    private record Path(Path parent, String key, int index) {
        Path child(String k) {
            return new Path(this, k, -1);
        }

        Path child(int i) {
            return new Path(this, null, i);
        }

        /** The pointer; the first step's key is the pointer the walk started at. */
        String pointer() {
            if (parent == null) {
                return key;
            }
            String above = parent.pointer();
            return key == null ? JsonPointer.append(above, index) : JsonPointer.append(above, key);
        }
    }

    private static void walk(Object value, KubeSchema.Type type, Path at, Target target, Sink sink) {
        if (value == null) {
            return;
        }
        switch (type.form()) {
            case STRING -> {
                if (!(value instanceof String)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be a string, not " + describe(value));
                }
            }
            case INT32, INT64 -> {
                boolean intRange = type.form() == KubeSchema.Form.INT32;
                if (!isInteger(value)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be an integer, not " + describe(value));
                } else if (!fits(value, intRange)) {
                    sink.report(Check.SCHEMA, at.pointer(), "integer " + value + " is out of range");
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be a boolean (true or false), not "
                            + describe(value));
                }
            }
            case NUMBER -> {
                if (!(value instanceof Number)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be a number, not " + describe(value));
                }
            }
            case INT_OR_STRING -> {
                if (!(value instanceof String) && !isInteger(value)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be an integer or a string, not " + describe(value));
                } else if (!(value instanceof String) && !fits(value, true)) {
                    // intstr.IntOrString holds an int32: the server cannot decode a larger number
                    sink.report(Check.SCHEMA, at.pointer(), "integer " + value + " is out of range");
                }
            }
            case QUANTITY -> {
                if (!(value instanceof String) && !(value instanceof Number)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be a quantity (string or number), not "
                            + describe(value));
                } else if (!Quantities.valid(value)) {
                    sink.report(Check.API_RULES, at.pointer(), "'" + value
                            + "' is not a valid quantity (like 500m, 1.5, 2Gi, 1e3)");
                }
            }
            case DURATION -> {
                if (!(value instanceof String)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be a duration string, not " + describe(value));
                }
            }
            case MAP -> {
                if (!(value instanceof Map<?, ?> m)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be an object, not " + describe(value));
                    return;
                }
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    walk(e.getValue(), type.item(), at.child(String.valueOf(e.getKey())), target, sink);
                }
            }
            case LIST -> {
                if (!(value instanceof List<?> l)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be a list, not " + describe(value));
                    return;
                }
                for (int i = 0; i < l.size(); i++) {
                    walk(l.get(i), type.item(), at.child(i), target, sink);
                }
            }
            case ANY -> {
                // any JSON value
            }
            case OBJECT -> {
                KubeSchema.Fields fields = KubeSchema.get().object(type);
                Map<String, KubeSchema.Type> props = fields.types();
                if (props.isEmpty()) {
                    return;
                }
                if (!(value instanceof Map<?, ?> m)) {
                    sink.report(Check.SCHEMA, at.pointer(), "must be an object, not " + describe(value));
                    return;
                }
                Map<String, KubeSchema.Added> later = fields.addedAfter(target.version());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    KubeSchema.Type t = props.get(key);
                    Path child = at.child(key);
                    KubeSchema.Added added = later == null ? null : later.get(key);
                    if (t == null) {
                        sink.report(Check.SCHEMA, child.pointer(), "unknown field \"" + key + "\""
                                + FieldHint.hint(key, props.keySet()));
                    } else if (added != null && target.version().compareTo(added.earliest()) < 0) {
                        sink.report(Check.SCHEMA, child.pointer(), "field \"" + key + "\" does not exist in Kubernetes "
                                + target.version() + " (added in " + added + ")");
                    } else {
                        walk(e.getValue(), t, child, target, sink);
                    }
                }
                if (target.required120()) {
                    for (String field : fields.required120()) {
                        if (!m.containsKey(field)) {
                            sink.report(Check.SCHEMA, JsonPointer.append(at.pointer(), field),
                                    "required field is missing: " + field);
                        }
                    }
                }
            }
        }
    }

    static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Short;
    }

    private static boolean fits(Object v, boolean int32) {
        if (v instanceof BigInteger) {
            return false;
        }
        long l = ((Number) v).longValue();
        return !int32 || (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE);
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof BigDecimal || v instanceof Double) {
            return "the number " + v;
        }
        if (v instanceof Number) {
            return "the integer " + v;
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(v);
    }

}
