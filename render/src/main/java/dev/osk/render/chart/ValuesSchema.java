package dev.osk.render.chart;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.osk.render.ControlCharacters;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.yaml.JsonPointer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chart's {@code values.schema.json}: a JSON Schema its final values must meet, as Helm checks them. The draft
 * is the one its {@code $schema} names (draft 4, 6, 7, 2019-09 or 2020-12), draft 7 when it names none, as in
 * Helm. The schema is read from the chart alone: a {@code $ref} must point inside the document ({@code #/$defs/x},
 * {@code #anchor}); anything else (http, https, file, classpath, another file) is refused when the chart is
 * loaded, and the validator is given no way to load a schema of its own.
 */
public final class ValuesSchema {
    public static final String FILE = "values.schema.json";

    /** Strict JSON: duplicate keys and trailing content are errors; as deep as a values file may nest. */
    private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    /** Jackson's character codes say nothing to someone writing a schema. */
    private static final java.util.regex.Pattern CHARACTER_CODE = java.util.regex.Pattern.compile(" \\(code \\d+\\)");
    private static final Set<String> REF_KEYWORDS = Set.of("$ref", "$dynamicRef", "$recursiveRef");

    private final String shown;
    private final Schema schema;

    private ValuesSchema(String shown, Schema schema) {
        this.shown = shown;
        this.schema = schema;
    }

    /**
     * One value that does not meet the schema: where it is (a JSON pointer into the values), why, and the value to
     * blame: the one at {@code pointer}, or the key a problem of a map names when the map holds it (an
     * additional property, the key another one depends on).
     */
    public record Violation(String pointer, String message, String blamed) {
    }

    /** The file as messages name it. */
    public String shown() {
        return shown;
    }

    /**
     * Parses and compiles the schema {@code text} of the file {@code shown}; invalid JSON, an unknown
     * {@code $schema}, a reference that leaves the document or a keyword the draft cannot compile is an error
     * naming the file.
     */
    public static ValuesSchema parse(String text, String shown) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Location loc = at == null ? Location.of(shown)
                    : new Location(shown, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()));
            String why = CHARACTER_CODE.matcher(firstLine(e.getOriginalMessage())).replaceAll("");
            throw new OskException(loc, "invalid JSON: " + ControlCharacters.escape(why));
        } catch (IOException e) {
            throw new OskException(Location.of(shown), "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new OskException(Location.of(shown), "is empty; a values schema is a JSON object (or true or false)");
        }
        if (!root.isObject() && !root.isBoolean()) {
            throw new OskException(Location.of(shown), "must be a JSON object (or true or false), not "
                    + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        SpecificationVersion draft = draft(root, shown);
        checkRefs(root, "", shown);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(draft, b -> b.schemaLoader(l -> l
                // nothing is ever loaded: no network, no files, no class path; in-document refs need no loading
                .block(iri -> true)));
        try {
            Schema schema = registry.getSchema(SchemaLocation.of("osk:///" + FILE), root);
            schema.initializeValidators();
            return new ValuesSchema(shown, schema);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new OskException(Location.of(shown), "is not a valid JSON Schema: "
                    + ControlCharacters.escape(firstLine(reason(e))));
        }
    }

    /** The draft {@code $schema} names; draft 7 when it names none. */
    private static SpecificationVersion draft(JsonNode root, String shown) {
        JsonNode id = root.get("$schema");
        if (id == null) {
            return SpecificationVersion.DRAFT_7;
        }
        if (!id.isTextual()) {
            throw new OskException(Location.of(shown), "$schema must be a string naming a JSON Schema draft");
        }
        String s = id.textValue();
        String bare = s.endsWith("#") ? s.substring(0, s.length() - 1) : s;
        for (String candidate : List.of(s, bare, bare + "#")) {
            var v = SpecificationVersion.fromDialectId(candidate);
            if (v.isPresent()) {
                return v.get();
            }
        }
        throw new OskException(Location.of(shown), "$schema '" + ControlCharacters.escape(s)
                + "' is no JSON Schema draft osk knows (draft-04, draft-06, draft-07, 2019-09, 2020-12, as"
                + " http://json-schema.org/draft-07/schema# or https://json-schema.org/draft/2020-12/schema)");
    }

    /** Every reference must stay in the document: a fragment, {@code #/$defs/x} or {@code #anchor}. */
    private static void checkRefs(JsonNode node, String ptr, String shown) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = JsonPointer.append(ptr, e.getKey());
                if (REF_KEYWORDS.contains(e.getKey()) && e.getValue().isTextual()) {
                    String ref = e.getValue().textValue();
                    if (!ref.startsWith("#")) {
                        throw new OskException(Location.of(shown), e.getKey() + " '" + ControlCharacters.escape(ref)
                                + "' at " + child + " points outside this file; osk reads no other schema (no"
                                + " http, https or file references): use a reference inside the document, such as"
                                + " '#/$defs/NAME' or '#/definitions/NAME'");
                    }
                }
                checkRefs(e.getValue(), child, shown);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkRefs(node.get(i), JsonPointer.append(ptr, i), shown);
            }
        }
    }

    /** Every place {@code values} (a chart's final values) does not meet the schema, in the validator's order. */
    public List<Violation> check(Map<String, Object> values) {
        List<Error> errors;
        try {
            errors = schema.validate(tree(values));
        } catch (SchemaException e) {
            throw new OskException(Location.of(shown), "cannot be applied: "
                    + ControlCharacters.escape(firstLine(reason(e))));
        }
        List<Violation> out = new ArrayList<>();
        for (Error e : errors) {
            String at = pointer(e.getInstanceLocation());
            String blamed = at;
            if (e.getProperty() != null && e.getInstanceNode() != null && e.getInstanceNode().has(e.getProperty())) {
                blamed = JsonPointer.append(at, e.getProperty());
            }
            out.add(new Violation(at, e.getMessage(), blamed));
        }
        return out;
    }

    private static String pointer(NodePath path) {
        String ptr = "";
        for (int i = 0; i < path.getNameCount(); i++) {
            Object el = path.getElement(i);
            ptr = el instanceof Integer n ? JsonPointer.append(ptr, n) : JsonPointer.append(ptr, String.valueOf(el));
        }
        return ptr;
    }

    /** Values as JSON: numbers stay exact, maps keep their key order. */
    private static JsonNode tree(Object v) {
        JsonNodeFactory f = JSON.getNodeFactory();
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(String.valueOf(e.getKey()), tree(e.getValue()));
            }
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = f.arrayNode(l.size());
            for (Object o : l) {
                a.add(tree(o));
            }
            return a;
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return f.numberNode(i);
        }
        if (v instanceof Long n) {
            return f.numberNode(n);
        }
        if (v instanceof BigInteger n) {
            return f.numberNode(n);
        }
        if (v instanceof BigDecimal n) {
            return f.numberNode(n);
        }
        if (v instanceof Double d) {
            return f.numberNode(d);
        }
        if (v instanceof Float d) {
            return f.numberNode(d);
        }
        return f.textNode(String.valueOf(v));
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t.getMessage().startsWith(t.getCause().getClass().getName()))) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
