package dev.osk.render.values;

import java.util.ArrayList;
import java.util.List;

/**
 * Dotted value paths as users write them: {@code keystone.api.replicas}, with {@code \.} for a dot inside a
 * key ({@code conf.keystone\.conf}).
 */
public final class ValuePath {
    private ValuePath() {
    }

    public static List<String> parse(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
                cur.append('.');
                i++;
            } else if (c == '.') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    public static String format(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(s.replace(".", "\\."));
        }
        return sb.toString();
    }
}
