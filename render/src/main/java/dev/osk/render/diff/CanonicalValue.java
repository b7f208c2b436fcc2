package dev.osk.render.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The value a manifest means, independent of how it was written: maps compare without regard to key order and
 * numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} are one number, as in the JSON the cluster receives),
 * while a string never equals a number or a boolean. Two values are the same when their canonical forms are
 * {@code equals}, which also makes them usable as hash keys.
 */
final class CanonicalValue {
    private CanonicalValue() {
    }

    static Object of(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>(m.size() * 2);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(e.getKey(), of(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object item : l) {
                out.add(of(item));
            }
            return out;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return number(BigDecimal.valueOf(((Number) v).longValue()));
        }
        if (v instanceof BigInteger i) {
            return number(new BigDecimal(i));
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? (Object) d : number(BigDecimal.valueOf(d));
        }
        return v;
    }

    private static BigDecimal number(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    /** Whether two values are the same (as {@code of(a).equals(of(b))}, without copying either). */
    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Map<?, ?> am) {
            if (!(b instanceof Map<?, ?> bm) || am.size() != bm.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : am.entrySet()) {
                Object other = bm.get(e.getKey());
                if (other == null && !bm.containsKey(e.getKey()) || !same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> al) {
            if (!(b instanceof List<?> bl) || al.size() != bl.size()) {
                return false;
            }
            for (int i = 0; i < al.size(); i++) {
                if (!same(al.get(i), bl.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Number && b instanceof Number) {
            if (a.getClass() == b.getClass() && (a instanceof Long || a instanceof BigInteger)) {
                return a.equals(b);
            }
            return of(a).equals(of(b));
        }
        return a.equals(b);
    }
}
