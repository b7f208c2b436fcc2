package dev.osk.render.yaml;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 JSON pointers: {@code /spec/template/spec/containers/0/image}. */
public final class JsonPointer {
    private JsonPointer() {
    }

    public static String append(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String append(String pointer, int index) {
        return pointer + "/" + index;
    }

    /**
     * Why {@code pointer} is not an RFC 6901 pointer, or null when it is: it must be empty or start with '/', and
     * every '~' must be followed by 0 (for '~') or 1 (for '/').
     */
    public static String problem(String pointer) {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            return "a JSON pointer starts with '/'";
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~') {
                char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : 0;
                if (next != '0' && next != '1') {
                    return "'~' at position " + (i + 1) + " is not followed by 0 (for '~') or 1 (for '/')";
                }
            }
        }
        return null;
    }

    public static List<String> segments(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        for (String s : pointer.substring(1).split("/", -1)) {
            out.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

}
