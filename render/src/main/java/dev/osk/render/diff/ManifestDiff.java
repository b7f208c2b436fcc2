package dev.osk.render.diff;

import dev.osk.render.OskException;
import dev.osk.render.manifest.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two sets of manifests object by object. Objects are matched by API group, kind, namespace and name
 * ({@link ObjectKey}), never by position, and compared by value: document order, field order, YAML style and
 * the way a number is written make no difference. Ignored kinds are left out of both sides and ignored fields
 * out of every object before comparing, so a change in ignored fields alone is no change.
 */
public final class ManifestDiff {
    private final DiffOptions options;

    public ManifestDiff(DiffOptions options) {
        this.options = options;
    }

    public DiffResult compare(List<Manifest> oldSide, List<Manifest> newSide) {
        Map<ObjectKey, Manifest> olds = index(oldSide);
        Map<ObjectKey, Manifest> news = index(newSide);
        TreeSet<ObjectKey> keys = new TreeSet<>(olds.keySet());
        keys.addAll(news.keySet());
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (ObjectKey key : keys) {
            Manifest o = olds.get(key);
            Manifest n = news.get(key);
            if (o == null) {
                changes.add(new Change(Change.Type.ADDED, key, n.apiVersion(), n.describe(), List.of(), null, null));
            } else if (n == null) {
                changes.add(new Change(Change.Type.REMOVED, key, o.apiVersion(), o.describe(), List.of(), null, null));
            } else {
                Change c = changed(key, o, n);
                if (c == null) {
                    unchanged++;
                } else {
                    changes.add(c);
                }
            }
        }
        return new DiffResult(List.copyOf(changes), unchanged);
    }

    /** The change between two versions of one object, or null when they are the same after ignoring fields. */
    private Change changed(ObjectKey key, Manifest oldManifest, Manifest newManifest) {
        Map<String, Object> o = prune(oldManifest.object());
        Map<String, Object> n = prune(newManifest.object());
        if (CanonicalValue.same(o, n)) {
            return null;
        }
        boolean redact = !options.showSecrets() && key.group().isEmpty() && key.kind().equals("Secret");
        if (redact) {
            Map<String, Object>[] pair = SecretRedaction.redact(o, n);
            o = pair[0];
            n = pair[1];
        }
        List<FieldChange> fields = FieldDiff.of(o, n, redact ? SecretRedaction.POINTERS : Set.of());
        if (redact) {
            List<FieldChange> shown = new ArrayList<>(fields.size());
            for (FieldChange f : fields) {
                shown.add(SecretRedaction.hidden(f.path()) ? new FieldChange(f.op(), f.path(), null, null, true) : f);
            }
            fields = shown;
        }
        Object[] aligned = FieldOrder.align(o, n);
        return new Change(Change.Type.CHANGED, key, newManifest.apiVersion(), newManifest.describe(),
                List.copyOf(fields), FieldOrder.cast((Map<?, ?>) aligned[0]), FieldOrder.cast((Map<?, ?>) aligned[1]));
    }

    private Map<ObjectKey, Manifest> index(List<Manifest> manifests) {
        Map<ObjectKey, Manifest> out = new HashMap<>(manifests.size() * 2);
        for (Manifest m : manifests) {
            if (m.kind() != null && options.ignoresKind(m.kind())) {
                continue;
            }
            ObjectKey key = ObjectKey.of(m);
            Manifest first = out.putIfAbsent(key, m);
            if (first != null) {
                throw new OskException(m.templateLocation(""), "duplicate object " + m.describe() + " (first at "
                        + first.templateLocation("") + "); objects are matched by group, kind, namespace and name");
            }
        }
        return out;
    }

    /** {@code object} without the fields an {@code --ignore} pattern matches (the object itself when none do). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> prune(Map<String, Object> object) {
        if (options.ignore().isEmpty()) {
            return object;
        }
        return (Map<String, Object>) prune(object, new ArrayList<>());
    }

    private Object prune(Object value, List<String> path) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                path.add(k);
                if (!ignored(path)) {
                    out.put(k, prune(e.getValue(), path));
                }
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                path.add(String.valueOf(i));
                if (!ignored(path)) {
                    out.add(prune(l.get(i), path));
                }
                path.remove(path.size() - 1);
            }
            return out;
        }
        return value;
    }

    private boolean ignored(List<String> path) {
        for (PathPattern p : options.ignore()) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
