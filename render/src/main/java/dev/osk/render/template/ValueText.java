package dev.osk.render.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import dev.osk.render.yaml.YamlScalars;

/** The plain text of a value, as raw insertion ({@code {{{name}}}}), joins and config files use it. */
public final class ValueText {
    private ValueText() {
    }

    public static String of(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toString();
        }
        if (v instanceof Map<?, ?> || v instanceof List<?> || v instanceof Double) {
            return YamlScalars.inline(v);
        }
        return String.valueOf(v);
    }
}
