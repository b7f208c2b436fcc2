package dev.osk.render.validate.crd;

import dev.osk.render.yaml.JsonPointer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The value keywords of one schema node, as kube-openapi's validator applies them to a value of the right type:
 * required, enum, pattern (Go's regexp: a match anywhere in the string, unless anchored), minLength/maxLength (in
 * characters, not bytes), format ({@link Formats}), minimum/maximum (exclusive when exclusiveMinimum /
 * exclusiveMaximum say so), multipleOf, minItems/maxItems, uniqueItems, x-kubernetes-list-type set and map
 * (no duplicate items, no two items with the same keys), minProperties/maxProperties.
 */
final class SchemaKeywords {
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /**
     * @param defaulted whether the server fills in defaults before these checks (with server-side field validation,
     *     1.25 on; before, kubectl checks required fields against the published schema, which has no defaults)
     */
    void check(Object v, Map<String, Object> s, String ptr, boolean defaulted, StructuralSchema.Sink sink) {
        if (s.get("enum") instanceof List<?> allowed && !allowed.isEmpty() && !contains(allowed, v)) {
            List<String> shown = new ArrayList<>();
            for (Object a : allowed) {
                shown.add(String.valueOf(a));
            }
            sink.report(ptr, "unsupported value " + quoted(v) + ": must be one of " + String.join(", ", shown));
        }
        if (v instanceof String str) {
            string(str, s, ptr, sink);
        } else if (v instanceof Number && decimal(v) != null) {
            number(decimal(v), s, ptr, sink);
        } else if (v instanceof List<?> l) {
            list(l, s, ptr, sink);
        } else if (v instanceof Map<?, ?> m) {
            object(m, s, ptr, defaulted, sink);
        }
    }

    private void string(String v, Map<String, Object> s, String ptr, StructuralSchema.Sink sink) {
        int length = v.codePointCount(0, v.length());
        Long max = whole(s.get("maxLength"));
        if (max != null && length > max) {
            sink.report(ptr, "must be at most " + max + " characters long, not " + length);
        }
        Long min = whole(s.get("minLength"));
        if (min != null && length < min) {
            sink.report(ptr, "must be at least " + min + " characters long, not " + length);
        }
        if (s.get("pattern") instanceof String p) {
            Pattern compiled = pattern(p);
            if (compiled != null && !compiled.matcher(v).find()) {
                sink.report(ptr, quoted(v) + " does not match the pattern '" + p + "'");
            }
        }
        if (s.get("format") instanceof String f && !Formats.valid(f, v)) {
            sink.report(ptr, quoted(v) + " is not a valid " + f + Formats.example(f));
        }
    }

    private static void number(BigDecimal v, Map<String, Object> s, String ptr, StructuralSchema.Sink sink) {
        BigDecimal max = decimal(s.get("maximum"));
        if (max != null) {
            boolean exclusive = Boolean.TRUE.equals(s.get("exclusiveMaximum"));
            if (exclusive ? v.compareTo(max) >= 0 : v.compareTo(max) > 0) {
                sink.report(ptr, "must be " + (exclusive ? "less than " : "at most ") + plain(max) + ", not " + plain(v));
            }
        }
        BigDecimal min = decimal(s.get("minimum"));
        if (min != null) {
            boolean exclusive = Boolean.TRUE.equals(s.get("exclusiveMinimum"));
            if (exclusive ? v.compareTo(min) <= 0 : v.compareTo(min) < 0) {
                sink.report(ptr, "must be " + (exclusive ? "greater than " : "at least ") + plain(min) + ", not "
                        + plain(v));
            }
        }
        BigDecimal factor = decimal(s.get("multipleOf"));
        if (factor != null && factor.signum() > 0 && !integral(v.divide(factor, java.math.MathContext.DECIMAL128))) {
            sink.report(ptr, "must be a multiple of " + plain(factor) + ", not " + plain(v));
        }
    }

    private static void list(List<?> v, Map<String, Object> s, String ptr, StructuralSchema.Sink sink) {
        Long max = whole(s.get("maxItems"));
        if (max != null && v.size() > max) {
            sink.report(ptr, "must have at most " + count(max, "item") + ", not " + v.size());
        }
        Long min = whole(s.get("minItems"));
        if (min != null && v.size() < min) {
            sink.report(ptr, "must have at least " + count(min, "item") + ", not " + v.size());
        }
        Object listType = s.get("x-kubernetes-list-type");
        if ("set".equals(listType)) {
            List<Object> seen = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                Object c = canonical(v.get(i));
                int earlier = seen.indexOf(c);
                if (earlier >= 0) {
                    sink.report(JsonPointer.append(ptr, i), "duplicate value: repeats item " + earlier
                            + " (x-kubernetes-list-type set)");
                }
                seen.add(c);
            }
        } else if ("map".equals(listType)) {
            mapKeys(v, s, ptr, sink);
        }
        if (Boolean.TRUE.equals(s.get("uniqueItems"))) {
            List<Object> seen = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                Object c = canonical(v.get(i));
                int earlier = seen.indexOf(c);
                if (earlier >= 0) {
                    sink.report(JsonPointer.append(ptr, i), "repeats item " + earlier + " (the items must be unique)");
                }
                seen.add(c);
            }
        }
    }

    /**
     * x-kubernetes-list-type map: no two items with the same values of x-kubernetes-list-map-keys. A key an item
     * does not set has its default, as the server defaults it before it compares.
     */
    private static void mapKeys(List<?> v, Map<String, Object> s, String ptr, StructuralSchema.Sink sink) {
        List<Object> keys = list(s.get("x-kubernetes-list-map-keys"));
        Map<String, Object> props = map(map(s.get("items")).get("properties"));
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!(v.get(i) instanceof Map<?, ?> item)) {
                seen.add(null);
                continue;
            }
            List<Object> values = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (Object k : keys) {
                Object value = item.containsKey(k) ? item.get(k) : map(props.get(String.valueOf(k))).get("default");
                values.add(canonical(value));
                shown.add(k + "=" + value);
            }
            int earlier = seen.indexOf(values);
            if (earlier >= 0) {
                sink.report(JsonPointer.append(ptr, i), "duplicate entry: the keys of item " + earlier + " ("
                        + String.join(", ", shown) + "; x-kubernetes-list-type map)");
            }
            seen.add(values);
        }
    }

    private static void object(Map<?, ?> v, Map<String, Object> s, String ptr, boolean defaulted,
            StructuralSchema.Sink sink) {
        Long max = whole(s.get("maxProperties"));
        if (max != null && v.size() > max) {
            sink.report(ptr, "must have at most " + count(max, "field") + ", not " + v.size());
        }
        Long min = whole(s.get("minProperties"));
        if (min != null && v.size() < min) {
            sink.report(ptr, "must have at least " + count(min, "field") + ", not " + v.size());
        }
        Map<String, Object> props = map(s.get("properties"));
        for (Object r : list(s.get("required"))) {
            // the server defaults a field it prunes or finds absent before it checks: one with a default is set
            if (r instanceof String field && v.get(field) == null && !(v.containsKey(field)
                    && nullable(props.get(field))) && !(defaulted && map(props.get(field)).containsKey("default"))) {
                sink.report(JsonPointer.append(ptr, field), "required field is missing: " + field);
            }
        }
    }

    /** The pattern as Java reads it, or null when it cannot (the definition's check reports that). */
    Pattern pattern(String p) {
        Pattern cached = patterns.get(p);
        if (cached == null) {
            try {
                cached = compile(p);
            } catch (PatternSyntaxException e) {
                return null;
            }
            patterns.put(p, cached);
        }
        return cached;
    }

    /** A Go (RE2) regular expression in Java's syntax: named groups are written {@code (?P<name>...)} in Go. */
    static Pattern compile(String goPattern) {
        return Pattern.compile(goPattern.replace("(?P<", "(?<"));
    }

    private static boolean contains(List<?> allowed, Object v) {
        Object c = canonical(v);
        for (Object a : allowed) {
            if (canonical(a).equals(c)) {
                return true;
            }
        }
        return false;
    }

    /** A value in a form where equal JSON values are equal objects: numbers as plain decimals. */
    private static Object canonical(Object v) {
        if (v instanceof Number && decimal(v) != null) {
            BigDecimal d = decimal(v);
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), canonical(e.getValue()));
            }
            return new java.util.TreeMap<>(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(canonical(o));
            }
            return out;
        }
        return v;
    }

    /** A JSON number as a decimal; null for what is not one (NaN and the infinities have no JSON form). */
    static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return null;
    }

    /** An integer as JSON carries it: {@code 3}, and {@code 3.0}, which JSON writes as 3. */
    static boolean isInteger(Object v) {
        BigDecimal d = v instanceof Number ? decimal(v) : null;
        return d != null && integral(d);
    }

    private static boolean integral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static Long whole(Object v) {
        BigDecimal d = v instanceof Number ? decimal(v) : null;
        return d != null && integral(d) ? d.longValue() : null;
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Whether a schema lets a field be null (a null field it does not let be is pruned, as if absent). */
    static boolean nullable(Object schema) {
        return Boolean.TRUE.equals(map(schema).get("nullable"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static String quoted(Object v) {
        if (v instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return String.valueOf(v);
    }

    /** A value in a message: {@code the string "3"}, {@code the integer 3}, {@code an object}. */
    static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof Number) {
            return (v instanceof BigDecimal || v instanceof Double || v instanceof Float ? "the number "
                    : "the integer ") + v;
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
