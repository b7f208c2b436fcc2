package dev.osk.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes minor version such as 1.30, the API surface a render targets. */
public record KubeVersion(int major, int minor) implements Comparable<KubeVersion> {
    /** The version rendered for when none is given: the newest this release of osk knows. */
    public static final KubeVersion DEFAULT = new KubeVersion(1, 34);

    private static final Pattern FORM = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})(?:\\.\\d{1,4})?");

    public static KubeVersion parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidRequestException("invalid Kubernetes version '" + text + "': expected MAJOR.MINOR such as 1.30");
        }
        return new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean atLeast(KubeVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KubeVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
