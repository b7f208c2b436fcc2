package dev.osk.render.manifest;

import dev.osk.render.Location;
import dev.osk.render.values.ValueOrigin;
import dev.osk.render.yaml.YamlDocument;
import java.util.List;
import java.util.Map;

/**
 * One rendered Kubernetes object: where it came from (the template's source path and its position among the
 * documents of that template), the parsed object, the template line behind each of its nodes, and, from a render
 * that tracks where values were set, where the values on each line were set.
 */
public final class Manifest {
    private final String sourcePath;
    private final int index;
    private final Map<String, Object> object;
    private final YamlDocument document;
    private final List<Location> lineOrigins;
    private final String pointerPrefix;
    private final List<List<ValueOrigin>> lineValues;
    /** The object as written out, kept in place of its parsed document; null when not written yet. */
    private final String written;

    /**
     * @param lineOrigins the template position of each line of the document's text, or null when the
     *     document was read from a file (its own line numbers are then the answer)
     */
    public Manifest(String sourcePath, int index, Map<String, Object> object, YamlDocument document,
            List<Location> lineOrigins) {
        this(sourcePath, index, object, document, lineOrigins, "");
    }

    /** An object found at {@code pointerPrefix} inside the document (an item of a {@code List}). */
    public Manifest(String sourcePath, int index, Map<String, Object> object, YamlDocument document,
            List<Location> lineOrigins, String pointerPrefix) {
        this(sourcePath, index, object, document, lineOrigins, pointerPrefix, null);
    }

    /** @param lineValues where the values on each line of the document's text were set, or null: not known */
    public Manifest(String sourcePath, int index, Map<String, Object> object, YamlDocument document,
            List<Location> lineOrigins, String pointerPrefix, List<List<ValueOrigin>> lineValues) {
        this(sourcePath, index, object, document, lineOrigins, pointerPrefix, lineValues, null);
    }

    private Manifest(String sourcePath, int index, Map<String, Object> object, YamlDocument document,
            List<Location> lineOrigins, String pointerPrefix, List<List<ValueOrigin>> lineValues, String written) {
        this.written = written;
        this.lineValues = lineValues;
        this.sourcePath = sourcePath;
        this.index = index;
        this.object = object;
        this.document = document;
        this.lineOrigins = lineOrigins;
        this.pointerPrefix = pointerPrefix;
    }

    /**
     * This object once written ({@code text}, as {@link ManifestWriter#document} writes it), holding of the
     * parsed object only {@code retained}, the parts the checks across a set read: a render of many objects keeps
     * each in a fraction of the memory. It has no template locations any more.
     */
    public Manifest written(Map<String, Object> retained, String text) {
        return new Manifest(sourcePath, index, retained, null, null, "", null, text);
    }

    /** Whether this is a {@link #written} object. */
    public boolean isWritten() {
        return written != null;
    }

    /** The written text of a {@link #written} object, else null. */
    public String writtenText() {
        return written;
    }

    /** The same object at position {@code i} among the objects of its template. */
    public Manifest withIndex(int i) {
        return i == index ? this : new Manifest(sourcePath, i, object, document, lineOrigins, pointerPrefix,
                lineValues, written);
    }

    /** {@code chart/charts/sub/templates/x.yaml} */
    public String sourcePath() {
        return sourcePath;
    }

    /** Position among the objects the template rendered, from 0. */
    public int index() {
        return index;
    }

    public Map<String, Object> object() {
        return object;
    }

    public String apiVersion() {
        return str(object.get("apiVersion"));
    }

    public String kind() {
        return str(object.get("kind"));
    }

    public String name() {
        return str(metadata().get("name"));
    }

    public String namespace() {
        return str(metadata().get("namespace"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        Object m = object.get("metadata");
        return m instanceof Map<?, ?> ? (Map<String, Object>) m : Map.of();
    }

    /** The template file and line that produced the node at {@code pointer} (or its nearest ancestor). */
    public Location templateLocation(String pointer) {
        Location inDoc = document == null ? null : document.locate(pointerPrefix + pointer);
        if (inDoc == null) {
            return Location.of(sourcePath);
        }
        if (lineOrigins == null) {
            return inDoc;
        }
        if (inDoc.line() < 1 || inDoc.line() > lineOrigins.size()) {
            return Location.of(sourcePath);
        }
        return lineOrigins.get(inDoc.line() - 1);
    }

    /**
     * Where the values on the line of the node at {@code pointer} (or its nearest ancestor) were set: empty when
     * the line holds none, or the render did not track where values were set.
     */
    public List<ValueOrigin> valueOrigins(String pointer) {
        Location inDoc = document == null || lineValues == null ? null : document.locate(pointerPrefix + pointer);
        if (inDoc == null || inDoc.line() < 1 || inDoc.line() > lineValues.size()) {
            return List.of();
        }
        return lineValues.get(inDoc.line() - 1);
    }

    /** {@code apps/v1 Deployment openstack/keystone-api} */
    public String describe() {
        String ns = namespace();
        return apiVersion() + " " + kind() + " " + (ns == null ? "" : ns + "/") + name();
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
