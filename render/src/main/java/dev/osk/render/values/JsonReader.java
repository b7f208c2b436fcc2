package dev.osk.render.values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A strict JSON (RFC 8259) reader for {@code --set-json}: exactly JSON, nothing YAML adds, parsed by Jackson's
 * streaming parser (which, with its defaults, refuses comments, single quotes, NaN, leading zeros and trailing
 * commas). Numbers stay exact (Long or BigInteger for integers, BigDecimal otherwise); objects keep their key
 * order; duplicate keys are errors.
 */
final class JsonReader {
    /** As deep as a values file may nest (YAML documents nest at most 200 levels). */
    private static final int MAX_DEPTH = 200;

    /**
     * No limit on a key's, a string's or a number's length beyond the flag's own (a command line is short, and a
     * number stays exact however long); the depth is checked below with its own message.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /** Jackson's message details that say nothing to someone typing a flag: character codes, markers, features. */
    private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code \\d+\\)");
    private static final Pattern START_MARKER = Pattern.compile(" \\(start marker at \\[.*\\]\\)");
    private static final Pattern FEATURE_HINT = Pattern.compile(": enable `[^`]*` to allow");
    private static final Pattern GLUED_REASON = Pattern.compile("end-of-input(?=\\p{Alpha})");

    private final String text;
    private final JsonParser parser;

    private JsonReader(String text, JsonParser parser) {
        this.text = text;
        this.parser = parser;
    }

    /** The value of {@code text}; IllegalArgumentException with a short reason when it is not JSON. */
    static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonReader r = new JsonReader(text, p);
            if (p.nextToken() == null) {
                throw r.fail("missing value", p.currentLocation());
            }
            Object v = r.value(0);
            if (p.nextToken() != null) {
                throw r.fail("unexpected text after the value", p.currentTokenLocation());
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new JsonReader(text, null).fail(reason(e), e.getLocation());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e); // a StringReader does not fail
        }
    }

    /** The value whose first token is the parser's current one. */
    private Object value(int depth) throws IOException {
        JsonToken t = parser.currentToken();
        if (depth > MAX_DEPTH) {
            throw fail("nested too deep", parser.currentTokenLocation());
        }
        switch (t) {
            case START_OBJECT:
                return object(depth);
            case START_ARRAY:
                return array(depth);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw fail("unexpected " + t, parser.currentTokenLocation());
        }
    }

    private Map<String, Object> object(int depth) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String k = parser.currentName();
            // checked here rather than by StreamReadFeature.STRICT_DUPLICATE_DETECTION, whose error stands after
            // the key (position 22, not 19, in {"a":1,"b":{"c":1,"c":2}}) and echoes it uncut
            if (m.containsKey(k)) {
                throw fail("duplicate key \"" + SetParser.echo(k) + "\"", parser.currentTokenLocation());
            }
            parser.nextToken();
            m.put(k, value(depth + 1));
        }
        return m;
    }

    private List<Object> array(int depth) throws IOException {
        List<Object> l = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            l.add(value(depth + 1));
        }
        return l;
    }

    /** Jackson's reason without its location (given separately) or character codes, starting in lower case. */
    private static String reason(JsonProcessingException e) {
        String r = e.getOriginalMessage();
        r = START_MARKER.matcher(r).replaceAll("");
        r = CHARACTER_CODE.matcher(r).replaceAll("");
        r = FEATURE_HINT.matcher(r).replaceAll("");
        r = GLUED_REASON.matcher(r).replaceAll("end-of-input: ");
        r = r.lines().findFirst().orElse("not JSON");
        return r.isEmpty() ? r : Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }

    /** {@code why} and where: a position in one-line text, a line and column in text of several lines. */
    private IllegalArgumentException fail(String why, JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return new IllegalArgumentException(why);
        }
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return new IllegalArgumentException(why + " at position " + at.getColumnNr());
        }
        return new IllegalArgumentException(why + " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
}
