package dev.osk.render.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.osk.render.yaml.JsonPointer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an object against a kubernetes-model type, strictly: every field must be one the type declares
 * (fabric8's models would keep unknown fields in {@code additionalProperties}; here they are errors), and every
 * value must have the JSON type the field needs: a string is not an integer, a number is not a string, an object
 * is not a list. Quantities are checked for their format on the way.
 */
final class SchemaWalker {
    interface Sink {
        void report(Check check, String pointer, String message);
    }

    private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();

    private SchemaWalker() {
    }

    static void walk(Object value, Type type, String ptr, Sink sink) {
        if (value == null) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            if (!(value instanceof String)) {
                sink.report(Check.SCHEMA, ptr, "must be a string, not " + describe(value));
            }
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class) {
            boolean intRange = raw == Integer.class || raw == int.class || raw == Short.class;
            if (!isInteger(value)) {
                sink.report(Check.SCHEMA, ptr, "must be an integer, not " + describe(value));
            } else if (!fits(value, intRange)) {
                sink.report(Check.SCHEMA, ptr, "integer " + value + " is out of range");
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (!(value instanceof Boolean)) {
                sink.report(Check.SCHEMA, ptr, "must be a boolean (true or false), not " + describe(value));
            }
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            if (!(value instanceof Number)) {
                sink.report(Check.SCHEMA, ptr, "must be a number, not " + describe(value));
            }
        } else if (raw.getName().equals("io.fabric8.kubernetes.api.model.IntOrString")) {
            if (!(value instanceof String) && !isInteger(value)) {
                sink.report(Check.SCHEMA, ptr, "must be an integer or a string, not " + describe(value));
            }
        } else if (raw.getName().equals("io.fabric8.kubernetes.api.model.Quantity")) {
            if (!(value instanceof String) && !(value instanceof Number)) {
                sink.report(Check.SCHEMA, ptr, "must be a quantity (string or number), not " + describe(value));
            } else if (!Quantities.valid(value)) {
                sink.report(Check.API_RULES, ptr, "'" + value + "' is not a valid quantity (like 500m, 1.5, 2Gi, 1e3)");
            }
        } else if (raw.getName().equals("io.fabric8.kubernetes.api.model.Duration")) {
            if (!(value instanceof String)) {
                sink.report(Check.SCHEMA, ptr, "must be a duration string, not " + describe(value));
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!(value instanceof Map<?, ?> m)) {
                sink.report(Check.SCHEMA, ptr, "must be an object, not " + describe(value));
                return;
            }
            Type valueType = typeArg(type, 1);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getValue(), valueType, JsonPointer.append(ptr, String.valueOf(e.getKey())), sink);
            }
        } else if (List.class.isAssignableFrom(raw)) {
            if (!(value instanceof List<?> l)) {
                sink.report(Check.SCHEMA, ptr, "must be a list, not " + describe(value));
                return;
            }
            Type itemType = typeArg(type, 0);
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), itemType, JsonPointer.append(ptr, i), sink);
            }
        } else if (isFreeForm(raw)) {
            // any JSON value
        } else {
            Map<String, Type> props = properties(raw);
            if (props.isEmpty()) {
                return;
            }
            if (!(value instanceof Map<?, ?> m)) {
                sink.report(Check.SCHEMA, ptr, "must be an object, not " + describe(value));
                return;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                Type t = props.get(key);
                String child = JsonPointer.append(ptr, key);
                if (t == null) {
                    sink.report(Check.SCHEMA, child, "unknown field \"" + key + "\"" + hint(key, props));
                } else {
                    walk(e.getValue(), t, child, sink);
                }
            }
        }
    }

    private static String hint(String key, Map<String, Type> props) {
        String best = null;
        int bestDist = 3;
        for (String p : props.keySet()) {
            int d = distance(key.toLowerCase(), p.toLowerCase());
            if (d < bestDist) {
                bestDist = d;
                best = p;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
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

    private static boolean isFreeForm(Class<?> raw) {
        String n = raw.getName();
        return raw == Object.class || n.startsWith("com.fasterxml.jackson") || n.endsWith(".AnyType")
                || n.contains("JSONSchemaProps") || n.endsWith(".JSON") || n.endsWith(".RawExtension")
                || n.equals("io.fabric8.kubernetes.api.model.KubernetesResource")
                || n.equals("io.fabric8.kubernetes.api.model.HasMetadata") || raw.isInterface();
    }

    static Map<String, Type> properties(Class<?> c) {
        return PROPERTIES.computeIfAbsent(c, SchemaWalker::scan);
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
