package dev.osk.render.validate;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/):
 * a signed decimal number followed by an optional binary (Ki..Ei), decimal (n, u, m, k, M..E) or exponent suffix.
 */
final class Quantities {
    private static final Pattern FORM = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    private Quantities() {
    }

    static boolean valid(Object v) {
        if (v instanceof Number) {
            return true;
        }
        return v instanceof String s && FORM.matcher(s).matches();
    }

    /** The value in base units, or null when not a quantity. */
    static BigDecimal value(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (!(v instanceof String s)) {
            return null;
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            return null;
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return n;
        }
        return switch (suffix) {
            case "Ki" -> n.multiply(BigDecimal.valueOf(1L << 10));
            case "Mi" -> n.multiply(BigDecimal.valueOf(1L << 20));
            case "Gi" -> n.multiply(BigDecimal.valueOf(1L << 30));
            case "Ti" -> n.multiply(BigDecimal.valueOf(1L << 40));
            case "Pi" -> n.multiply(BigDecimal.valueOf(1L << 50));
            case "Ei" -> n.multiply(BigDecimal.valueOf(1L << 60));
            case "n" -> n.scaleByPowerOfTen(-9);
            case "u" -> n.scaleByPowerOfTen(-6);
            case "m" -> n.scaleByPowerOfTen(-3);
            case "k" -> n.scaleByPowerOfTen(3);
            case "M" -> n.scaleByPowerOfTen(6);
            case "G" -> n.scaleByPowerOfTen(9);
            case "T" -> n.scaleByPowerOfTen(12);
            case "P" -> n.scaleByPowerOfTen(15);
            case "E" -> n.scaleByPowerOfTen(18);
            default -> n.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        };
    }
}
