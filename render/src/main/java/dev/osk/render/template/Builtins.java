package dev.osk.render.template;

import dev.osk.render.KubeVersion;
import dev.osk.render.values.ValuePath;
import dev.osk.render.values.Values;
import dev.osk.render.yaml.YamlWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything a template reaches under the reserved {@code osk.} prefix: facts about the chart, the release and
 * the target cluster, and the helpers that logic-less templates need.
 *
 * <pre>
 * osk.chart.name / version / appVersion / description
 * osk.release.name / namespace
 * osk.scope.key / component / kind / parent   where the chart sits: its alias, its ladder names, its parent's key
 * osk.kube.version / major / minor, osk.kube.atLeast.1.21 (boolean)
 * osk.template.path                  the source path of the template being rendered
 * {{#osk.base64}}..{{/osk.base64}}   base64 of the rendered body
 * {{#osk.sha256}}..{{/osk.sha256}}   hex sha256 of the rendered body
 * {{#osk.urlencode}}..{{/osk.urlencode}}     the rendered body percent-encoded for a URL's user or password:
 *                                    every UTF-8 byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~)
 *                                    as %XX, so ' @ : / % $ \ space # and the rest read back exactly
 * {{#osk.osloEscape}}..{{/osk.osloEscape}}   the rendered body as an oslo.config option value that reads back
 *                                    as itself: oslo.config substitutes $name and ${name} in every value (also
 *                                    from OS_SECTION__OPTION variables) and reads \$ as $$, so each $ is written
 *                                    $$, and a $ after a backslash as \$ (which oslo.config reads as $$)
 * osk.checksum.templates/x.yaml      hex sha256 of another template of the same chart, rendered
 * osk.ini.PATH / osk.yaml.PATH / osk.json.PATH   a values map rendered as a config file
 * osk.join.PATH                      a list joined with commas
 * osk.entries.PATH                   a map as a list of {key, value} for sections
 * </pre>
 *
 * <p>A section helper inside another one's body hands the outer helper its text as it is, as {@code {{{raw}}}}
 * does ({@code {{#osk.base64}}{{#osk.urlencode}}{{{pw}}}{{/osk.urlencode}}{{/osk.base64}}}).
 *
 * <p>In the values the config-file helpers (ini, yaml, json, join) render, a {@code {type: statefulset-hosts}} map
 * becomes the list of a StatefulSet's pod names ({@link StatefulSetHosts}).
 */
public final class Builtins {
    /** Renders a template of the same chart instance and returns its text (for osk.checksum). */
    public interface TemplateTextSource {
        String render(String relativePath);
    }

    private final Map<String, Object> chart;
    private final Map<String, Object> release;
    private final Map<String, Object> scope;
    private final KubeVersion kube;
    private final String templatePath;
    private final TemplateTextSource texts;
    private final StatefulSetHosts hosts;

    public Builtins(Map<String, Object> chart, Map<String, Object> release, Map<String, Object> scope,
            KubeVersion kube, String templatePath, TemplateTextSource texts, StatefulSetHosts hosts) {
        this.chart = chart;
        this.release = release;
        this.scope = scope;
        this.kube = kube;
        this.templatePath = templatePath;
        this.texts = texts;
        this.hosts = hosts;
    }

    /**
     * The value of {@code osk.<path>}; {@code lookup} resolves a values path through the current scopes.
     * Returns {@link Values#ABSENT} for an unknown name.
     */
    public Object resolve(List<String> path, Function<List<String>, Object> lookup) {
        if (path.isEmpty()) {
            return Values.ABSENT;
        }
        String head = path.get(0);
        List<String> rest = path.subList(1, path.size());
        String restText = String.join(".", rest);
        switch (head) {
            case "chart":
                return Values.lookup(chart, rest);
            case "release":
                return Values.lookup(release, rest);
            case "scope":
                return Values.lookup(scope, rest);
            case "template":
                return rest.equals(List.of("path")) ? templatePath : Values.ABSENT;
            case "kube":
                return kube(rest, restText);
            case "base64":
                return rest.isEmpty() ? (SectionHelper) body -> Base64.getEncoder()
                        .encodeToString(body.getBytes(StandardCharsets.UTF_8)) : Values.ABSENT;
            case "sha256":
                return rest.isEmpty() ? (SectionHelper) Builtins::sha256 : Values.ABSENT;
            case "urlencode":
                return rest.isEmpty() ? (SectionHelper) Builtins::urlencode : Values.ABSENT;
            case "osloEscape":
                return rest.isEmpty() ? (SectionHelper) Builtins::osloEscape : Values.ABSENT;
            case "checksum":
                if (rest.isEmpty()) {
                    return Values.ABSENT;
                }
                return sha256(texts.render(restText));
            case "ini":
                return withConfigValue(head, rest, lookup, v -> {
                    if (!(v instanceof Map<?, ?> m)) {
                        throw new HelperException("osk.ini needs a map at '" + ValuePath.format(rest) + "'");
                    }
                    try {
                        return IniFormat.render(m, ValuePath.format(rest));
                    } catch (IllegalArgumentException e) {
                        throw new HelperException("osk.ini: " + e.getMessage());
                    }
                });
            case "yaml":
                return withConfigValue(head, rest, lookup, v -> new YamlWriter().write(v));
            case "json":
                return withConfigValue(head, rest, lookup, v -> {
                    try {
                        return JsonFormat.render(v);
                    } catch (IllegalArgumentException e) {
                        throw new HelperException("osk.json: " + e.getMessage());
                    }
                });
            case "join":
                return withConfigValue(head, rest, lookup, v -> {
                    if (!(v instanceof List<?> l)) {
                        return ValueText.of(v);
                    }
                    List<String> parts = new ArrayList<>();
                    for (Object o : l) {
                        parts.add(ValueText.of(o));
                    }
                    return String.join(",", parts);
                });
            case "entries":
                return withValue(head, rest, lookup, v -> {
                    if (!(v instanceof Map<?, ?> m)) {
                        throw new HelperException("osk.entries needs a map at '" + ValuePath.format(rest) + "'");
                    }
                    List<Object> out = new ArrayList<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("key", String.valueOf(e.getKey()));
                        entry.put("value", e.getValue());
                        out.add(entry);
                    }
                    return out;
                });
            default:
                return Values.ABSENT;
        }
    }

    private Object kube(List<String> rest, String restText) {
        if (rest.isEmpty()) {
            return Values.ABSENT;
        }
        switch (rest.get(0)) {
            case "version":
                return rest.size() == 1 ? kube.toString() : Values.ABSENT;
            case "major":
                return rest.size() == 1 ? (Object) (long) kube.major() : Values.ABSENT;
            case "minor":
                return rest.size() == 1 ? (Object) (long) kube.minor() : Values.ABSENT;
            case "atLeast":
                if (rest.size() < 2) {
                    return Values.ABSENT;
                }
                try {
                    return kube.atLeast(KubeVersion.parse(restText.substring("atLeast.".length())));
                } catch (RuntimeException e) {
                    throw new HelperException("osk.kube.atLeast needs a version such as osk.kube.atLeast.1.21");
                }
            default:
                return Values.ABSENT;
        }
    }

    /** Like {@link #withValue}, with the host lists in the value expanded first (config-file helpers). */
    private Object withConfigValue(String helper, List<String> path, Function<List<String>, Object> lookup,
            Function<Object, Object> f) {
        return withValue(helper, path, lookup, v -> {
            Object expanded;
            try {
                expanded = hosts.expand(v, ValuePath.format(path));
            } catch (HelperException e) {
                throw new HelperException("osk." + helper + ": " + e.getMessage() + " (rendering " + templatePath
                        + ")");
            }
            return f.apply(expanded);
        });
    }

    private static Object withValue(String helper, List<String> path, Function<List<String>, Object> lookup,
            Function<Object, Object> f) {
        if (path.isEmpty()) {
            throw new HelperException("osk." + helper + " needs a values path, as in osk." + helper + ".conf.keystone");
        }
        Object v = lookup.apply(path);
        if (v == Values.ABSENT) {
            throw new HelperException("osk." + helper + ": no value at '" + ValuePath.format(path) + "'");
        }
        return f.apply(v);
    }

    /** Percent-encoding of every UTF-8 byte outside RFC 3986's unreserved characters, hex digits upper case. */
    static String urlencode(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * The text written so that oslo.config reads it back unchanged. oslo.config first replaces each {@code \$}
     * with {@code $$}, then reads the value as a Python string template ({@code $$} is one {@code $}): a
     * {@code $} is therefore written {@code $$}, except right after a backslash, where {@code \$} (the backslash
     * written before it makes {@code \\$}, which oslo.config turns into {@code \$$}) gives the backslash and
     * the dollar back.
     */
    static String osloEscape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$') {
                sb.append(i > 0 && text.charAt(i - 1) == '\\' ? "\\$" : "$$");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A helper was used wrongly; the binding adds the template location. */
    public static final class HelperException extends RuntimeException {
        public HelperException(String message) {
            super(message);
        }
    }
}
