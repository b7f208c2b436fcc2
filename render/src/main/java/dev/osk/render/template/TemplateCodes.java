package dev.osk.render.template;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.DefaultCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.yaml.YamlScalars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The code objects osk compiles templates into (replacing mustache.java's HTML-oriented defaults). */
final class TemplateCodes {
    private TemplateCodes() {
    }

    /** Static template text of one source line (or part of one). */
    static final class TextCode extends DefaultCode {
        private final String text;
        private final Location location;

        TextCode(TemplateContext tc, OskMustacheFactory df, String text, Location location) {
            super(tc, df, null, null, null);
            this.text = text;
            this.location = location;
        }

        String text() {
            return text;
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            try {
                if (writer instanceof TrackingWriter tw) {
                    tw.mark(location);
                }
                writer.write(text);
                return writer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void identity(Writer writer) {
            execute(writer, null);
        }
    }

    /**
     * {@code {{name}}}: the value as YAML that reads back exactly (quoted as needed, maps and lists in flow
     * style, multi-line strings as literal blocks where the line allows); {@code {{{name}}}}: the raw text.
     */
    static final class YamlValueCode extends ValueCode {
        private static final Pattern BLOCK_PREFIX = Pattern.compile("^( *)((?:- +)*)(?:[^\\s#\\-\"'{\\[][^#]*?: +)?$");
        private static final Pattern SUFFIX_END = Pattern.compile("[ \\t]*(?:#.*)?\\r?\\n?");
        private static final Pattern SUFFIX_BLANK = Pattern.compile("[ \\t]*\\r?\\n?");
        private final Location location;
        private String suffix;

        YamlValueCode(TemplateContext tc, OskMustacheFactory df, String variable, boolean encoded, Location loc) {
            super(tc, df, variable, encoded);
            this.location = loc;
        }

        /** The template text that follows the tag on its line, or null when another tag follows. */
        void setSuffix(String suffix) {
            this.suffix = suffix;
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            Object value = get(scopes);
            if (value instanceof SectionHelper) {
                throw new OskException(location, "'" + name + "' is a section helper: write {{#" + name + "}}...{{/"
                        + name + "}}");
            }
            String text = encoded ? yaml(value, writer) : ValueText.of(value);
            try {
                if (writer instanceof TrackingWriter tw) {
                    tw.mark(location);
                    tw.writeValue(text);
                } else {
                    writer.write(text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return writer;
        }

        private boolean lineEndsAfter() {
            return suffix != null && SUFFIX_END.matcher(suffix).matches();
        }

        private boolean standsAlone(String line) {
            boolean before = line.isBlank() || line.endsWith(" ") || line.endsWith("[") || line.endsWith("{")
                    || line.endsWith(",");
            boolean after = suffix != null && (lineEndsAfter() || suffix.startsWith(",") || suffix.startsWith("]")
                    || suffix.startsWith("}") || suffix.startsWith(" "));
            return before && after;
        }

        private String yaml(Object value, Writer writer) {
            String line = writer instanceof TrackingWriter tw ? tw.currentLine() : "";
            if (!standsAlone(line) && !(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
                return embedded(ValueText.of(value), line);
            }
            if (value instanceof String s && s.indexOf('\n') >= 0 && suffix != null
                    && SUFFIX_BLANK.matcher(suffix).matches()) {
                java.util.regex.Matcher m = BLOCK_PREFIX.matcher(line);
                if (!line.isBlank() && (line.endsWith(": ") || line.endsWith("- ")) && m.matches()) {
                    int keyCol = m.group(1).length() + m.group(2).length();
                    boolean hasKey = line.trim().endsWith(":");
                    int indent = hasKey ? keyCol + 2 : keyCol;
                    String block = YamlScalars.literalBlock(s, Math.max(indent, 1));
                    if (block != null) {
                        return block;
                    }
                }
            }
            return YamlScalars.inline(value);
        }

        /**
         * A value that is part of a larger scalar ({@code image: {{registry}}/{{name}}}): inside a quoted
         * scalar it is escaped for those quotes, elsewhere it goes in as text, which must stay on one line.
         */
        private String embedded(String text, String line) {
            int dq = 0;
            int sq = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' && sq % 2 == 0 && (i == 0 || line.charAt(i - 1) != '\\')) {
                    dq++;
                } else if (c == '\'' && dq % 2 == 0) {
                    sq++;
                }
            }
            if (dq % 2 == 1) {
                String q = YamlScalars.doubleQuoted(text);
                return q.substring(1, q.length() - 1);
            }
            if (sq % 2 == 1) {
                if (text.indexOf('\n') >= 0) {
                    throw new OskException(location, "value of '" + name
                            + "' spans several lines and cannot go inside a single-quoted scalar");
                }
                return text.replace("'", "''");
            }
            if (text.indexOf('\n') >= 0) {
                throw new OskException(location, "value of '" + name + "' spans several lines but is inserted"
                        + " inside other text; give it a line of its own ('key: {{" + name + "}}')");
            }
            return text;
        }
    }

    /** {@code {{#name}}}: sections, plus section helpers such as {@code osk.base64}. */
    static final class OskIterableCode extends IterableCode {
        private final Location location;

        OskIterableCode(TemplateContext tc, OskMustacheFactory df, Mustache mustache, String variable, Location loc) {
            super(tc, df, mustache, variable);
            this.location = loc;
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            Object resolved = get(scopes);
            if (resolved instanceof SectionHelper helper) {
                TrackingWriter body = new TrackingWriter();
                run(body, scopes);
                String result = helper.apply(body.text());
                try {
                    if (writer instanceof TrackingWriter tw) {
                        tw.mark(location);
                        tw.writeValue(YamlScalars.inline(result));
                    } else {
                        writer.write(YamlScalars.inline(result));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return writer;
            }
            return handle(writer, resolved, scopes);
        }
    }

    /** {@code {{> name}}}: a partial; on a line of its own, every line it renders is indented like the tag. */
    static final class OskPartialCode extends PartialCode {
        private final String indent;
        private final OskMustacheFactory factory;

        OskPartialCode(TemplateContext tc, OskMustacheFactory df, String variable, String indent) {
            super(tc, df, variable);
            this.indent = indent == null ? "" : indent;
            this.factory = df;
        }

        @Override
        protected String partialName() {
            return factory.resolvePartial(dir, name, tc);
        }

        @Override
        protected Writer executePartial(Writer writer, List<Object> scopes) {
            if (!indent.isEmpty() && writer instanceof TrackingWriter tw) {
                tw.pushIndent(indent);
                try {
                    return partial.execute(writer, scopes);
                } finally {
                    tw.popIndent();
                }
            }
            return partial.execute(writer, scopes);
        }
    }
}
