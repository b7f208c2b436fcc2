package dev.osk.render.template;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.DefaultCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.values.ValueOrigin;
import dev.osk.render.yaml.YamlScalars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Supplier;

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
     * {@code {{name}}}: the value written so that the YAML reads back exactly that value, wherever the tag stands
     * ({@link YamlInsertion}); {@code {{{name}}}}: the raw text.
     */
    static final class YamlValueCode extends ValueCode {
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
        public Object get(List<Object> scopes) {
            return current(super.get(scopes), name, location);
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            Object value = get(scopes);
            if (value instanceof SectionHelper) {
                throw new OskException(location, "'" + name + "' is a section helper: write {{#" + name + "}}...{{/"
                        + name + "}}");
            }
            insert(writer, value, encoded, name, location, suffix, ScopeBinding.origin(scopes, name));
            return writer;
        }
    }

    /**
     * What a name resolved to, as templates see it: the scope of a null list item is null, and {@code .} outside
     * every section (where mustache.java would hand over the scope ladder itself) is an error.
     */
    static Object current(Object v, String name, Location location) {
        if (v == OskObjectHandler.NULL_ITEM) {
            return null;
        }
        if (v instanceof ScopeLadder) {
            throw new OskException(location, "'" + name + "' stands for the current section item, and outside"
                    + " every section there is none");
        }
        return v;
    }

    /** Templates run only on {@link TrackingWriter}s (value insertion needs the YAML position). */
    static TrackingWriter tracking(Writer writer) {
        if (writer instanceof TrackingWriter tw) {
            return tw;
        }
        throw new IllegalStateException("templates execute on a TrackingWriter, not " + writer.getClass().getName());
    }

    /** Runs {@code body} as the open section {@code name}, counted against the bound on sections open at once. */
    private static Writer inSection(Writer writer, String name, Location location, Supplier<Writer> body) {
        TrackingWriter tw = tracking(writer);
        tw.enter(location, "section '" + name + "'");
        try {
            return body.get();
        } finally {
            tw.leave();
        }
    }

    /** Writes {@code value} as YAML at the writer's place (or as raw text when {@code yaml} is false). */
    static void insert(Writer writer, Object value, boolean yaml, String name, Location location, String suffix) {
        insert(writer, value, yaml, name, location, suffix, null);
    }

    /** {@link #insert}, remembering that the value was set at {@code origin} (null: not known). */
    static void insert(Writer writer, Object value, boolean yaml, String name, Location location, String suffix,
            ValueOrigin origin) {
        try {
            if (writer instanceof TrackingWriter tw) {
                String text = yaml ? new YamlInsertion(name, location).text(value, tw.place(), tw.currentLine(),
                        suffix) : ValueText.of(value);
                tw.mark(location);
                tw.writeValue(text, origin);
            } else {
                writer.write(yaml ? YamlScalars.inline(value) : ValueText.of(value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {{#name}}}: sections, plus section helpers such as {@code osk.base64}. */
    static final class OskIterableCode extends IterableCode {
        private final Location location;
        private String suffix;

        OskIterableCode(TemplateContext tc, OskMustacheFactory df, Mustache mustache, String variable, Location loc) {
            super(tc, df, mustache, variable);
            this.location = loc;
        }

        /** The template text that follows the closing tag on its line, or null when another tag follows. */
        void setSuffix(String suffix) {
            this.suffix = suffix;
        }

        @Override
        public Object get(List<Object> scopes) {
            return current(super.get(scopes), name, location);
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            return inSection(writer, name, location, () -> {
                Object resolved = get(scopes);
                if (resolved instanceof SectionHelper helper) {
                    TrackingWriter body = tracking(writer).sibling();
                    run(body, scopes);
                    // inside another helper's input the result is text for that helper, as {{{raw}}} is
                    insert(writer, helper.apply(body.text()), !tracking(writer).helperInput(), name, location,
                            suffix);
                    return writer;
                }
                return handle(writer, resolved, scopes);
            });
        }
    }

    /** {@code {{^name}}}: an inverted section, counted against the nesting bound like the others. */
    static final class OskNotIterableCode extends NotIterableCode {
        private final Location location;

        OskNotIterableCode(TemplateContext tc, OskMustacheFactory df, Mustache mustache, String variable,
                Location loc) {
            super(tc, df, mustache, variable);
            this.location = loc;
        }

        @Override
        public Object get(List<Object> scopes) {
            return current(super.get(scopes), name, location);
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            return inSection(writer, name, location, () -> super.execute(writer, scopes));
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

        /**
         * Compiles the partial (at compile time, once); a chain of partials that include each other is bounded
         * ({@link OskMustacheFactory#MAX_PARTIAL_CHAIN}) so that it cannot exhaust the stack.
         */
        @Override
        public synchronized void init() {
            factory.enterPartial(tc, name);
            try {
                super.init();
            } finally {
                factory.leavePartial();
            }
        }

        /**
         * Runs the partial on the template's own writer (mustache.java would wrap it to count recursion, which
         * hides the YAML position from value insertion); nesting is counted by {@link RenderBounds} instead.
         */
        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            TrackingWriter tw = tracking(writer);
            tw.enter(factory.locate(tc, name), "partial '" + name + "'");
            try {
                if (!indent.isEmpty()) {
                    tw.pushIndent(indent);
                    try {
                        partial.execute(writer, scopes);
                    } finally {
                        tw.popIndent();
                    }
                } else {
                    partial.execute(writer, scopes);
                }
            } finally {
                tw.leave();
            }
            return appendText(writer);
        }
    }
}
