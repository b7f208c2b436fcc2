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
