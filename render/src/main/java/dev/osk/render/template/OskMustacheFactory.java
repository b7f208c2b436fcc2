package dev.osk.render.template;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * mustache.java configured for YAML: no HTML escaping, YAML-safe value insertion, whole-path scoped lookups
 * that fail loudly on missing values, standalone tag lines removed, standalone partials indented, and every
 * template and partial compiled once. Templates are named by absolute file path.
 */
public final class OskMustacheFactory extends DefaultMustacheFactory {
    /** Finds partial files: (directory of the including template, partial name) to an absolute path, or null. */
    public interface PartialResolver {
        String resolve(String includingDir, String name);

        /** Where a partial of that name was looked for, for the error message. */
        String searched(String includingDir, String name);
    }

    private static final Pattern STANDALONE = Pattern.compile("^[ \\t]*\\{\\{[#^/!>=][^}]*\\}\\}[ \\t]*\\r?$");

    /** The longest chain of partials that include each other (a partial that includes itself is not a chain). */
    static final int MAX_PARTIAL_CHAIN = 100;

    private final PartialResolver partials;
    private int partialChain;
    private final Function<String, String> display;
    private final Map<String, String[]> sourceLines = new ConcurrentHashMap<>();
    /** The lines mustache.java parses: the source's, with tags that span lines put on one line. */
    private final Map<String, String[]> parsedLines = new ConcurrentHashMap<>();
    private final Map<String, Mustache> compiledPartials = new ConcurrentHashMap<>();
    private final Map<String, OskException> failures = new ConcurrentHashMap<>();

    public OskMustacheFactory(PartialResolver partials, Function<String, String> display) {
        this.partials = partials;
        this.display = display;
        setObjectHandler(new OskObjectHandler(this));
    }

    /** The compiled template at {@code file}; compile errors become {@link OskException}s at file:line. */
    public Mustache template(Path file) {
        String name = file.toString();
        OskException failed = failures.get(name);
        if (failed != null) {
            throw failed;
        }
        try {
            return compile(name);
        } catch (RuntimeException e) {
            throw failed(name, translate(e));
        } catch (StackOverflowError e) {
            // the bounds above should come first; this keeps a trace from the user if one is missed
            throw failed(name, new OskException(Location.of(display.apply(name)), "template nests too deeply to"
                    + " compile"));
        } finally {
            partialChain = 0;
        }
    }

    /**
     * Remembers that {@code name} does not compile: mustache.java caches a template before it initializes its
     * partials, so a template whose partial failed would otherwise come back half-built (for osk.checksum).
     */
    private OskException failed(String name, OskException e) {
        mustacheCache.remove(name);
        failures.put(name, e);
        return e;
    }

    /** Runs a compiled template; errors become {@link OskException}s at the template position. */
    public void execute(Mustache m, TrackingWriter out, List<Object> scopes) {
        try {
            m.execute(out, scopes);
        } catch (RuntimeException e) {
            throw translate(e);
        } catch (StackOverflowError e) {
            throw new OskException(Location.of(display.apply(m.getName())), "template nests too deeply to render");
        }
    }

    public OskException translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OskException oe) {
                return oe;
            }
        }
        if (e instanceof MustacheException me && me.getContext() != null) {
            TemplateContext tc = me.getContext();
            String msg = me.getMessage() == null ? "template error" : me.getMessage();
            msg = msg.replaceAll("\\s*@\\[.*\\]\\s*$", "").replaceAll(" in \\S+:\\d+$", "");
            return new OskException(Location.of(display.apply(tc.file()), tc.line()), "template error: " + msg, e);
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        throw new IllegalStateException(e);
    }

    @Override
    public Reader getReader(String resourceName) {
        String shown = display.apply(resourceName);
        String text = TextInput.read(Path.of(resourceName), shown, TextInput.MAX_TEMPLATE_BYTES, "a template");
        TemplateOutline.check(text, shown);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text = text + "\n";
        }
        sourceLines.put(resourceName, text.split("\n", -1));
        String parsed = TagLines.flatten(text);
        parsedLines.put(resourceName, parsed.split("\n", -1));
        return new StringReader(parsed);
    }

    /** A partial tag is being compiled; chains of partials that include each other are bounded. */
    void enterPartial(TemplateContext tc, String name) {
        if (++partialChain > MAX_PARTIAL_CHAIN) {
            throw new OskException(locate(tc, name), "partial '" + name + "': partials include each other more"
                    + " than " + MAX_PARTIAL_CHAIN + " deep, the most osk compiles");
        }
    }

    void leavePartial() {
        partialChain--;
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
        return new Visitor(this);
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new MustacheException(e);
        }
    }

    @Override
    public Mustache compilePartial(String name) {
        Mustache m = compiledPartials.get(name);
        if (m == null) {
            m = super.compilePartial(name);
            compiledPartials.put(name, m);
        }
        return m;
    }

    String resolvePartial(String dir, String name, TemplateContext tc) {
        String found = partials.resolve(dir, name);
        if (found == null) {
            throw new OskException(locate(tc, name), "partial '" + name + "' not found (looked in "
                    + partials.searched(dir, name) + ")");
        }
        return found;
    }

    /** The display location of a tag naming {@code name} on the context's line, column included. */
    Location locate(TemplateContext tc, String name) {
        String file = display.apply(tc.file());
        int col = 0;
        String[] lines = sourceLines.get(tc.file());
        if (lines != null && tc.line() >= 1 && tc.line() <= lines.length) {
            String line = lines[tc.line() - 1];
            int from = 0;
            while (true) {
                int open = line.indexOf("{{", from);
                if (open < 0) {
                    break;
                }
                int p = open + 2;
                while (p < line.length() && "{#^/&>! ".indexOf(line.charAt(p)) >= 0) {
                    p++;
                }
                if (line.startsWith(name, p)) {
                    col = open + 1;
                    break;
                }
                from = open + 2;
            }
        }
        return new Location(file, tc.line(), col);
    }

    private boolean isStandalone(String file, int line) {
        String[] lines = parsedLines.get(file);
        return lines != null && line >= 1 && line <= lines.length && STANDALONE.matcher(lines[line - 1]).matches();
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl + 1);
    }

    private final class Visitor extends DefaultMustacheVisitor {
        Visitor(OskMustacheFactory df) {
            super(df);
        }

        @Override
        public void value(TemplateContext tc, String variable, boolean encoded) {
            list.add(new TemplateCodes.YamlValueCode(tc, OskMustacheFactory.this, variable, encoded,
                    locate(tc, variable)));
        }

        @Override
        public void iterable(TemplateContext tc, String variable, Mustache mustache) {
            list.add(new TemplateCodes.OskIterableCode(tc, OskMustacheFactory.this, mustache, variable,
                    locate(tc, variable)));
        }

        @Override
        public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
            list.add(new TemplateCodes.OskNotIterableCode(tc, OskMustacheFactory.this, mustache, variable,
                    locate(tc, variable)));
        }

        @Override
        public void partial(TemplateContext tc, String variable, String indent) {
            list.add(new TemplateCodes.OskPartialCode(tc, OskMustacheFactory.this, variable, indent));
        }

        @Override
        public void dynamicPartial(TemplateContext tc, String variable, String indent) {
            throw new OskException(locate(tc, variable), "dynamic partials ({{>*name}}) are not supported");
        }

        @Override
        public void write(TemplateContext tc, String text) {
            if (text.isEmpty()) {
                return;
            }
            int line = text.endsWith("\n") ? tc.line() - 1 : tc.line();
            if (text.isBlank() && isStandalone(tc.file(), line)) {
                return;
            }
            list.add(new TemplateCodes.TextCode(tc, OskMustacheFactory.this, text,
                    new Location(display.apply(tc.file()), line, 0)));
        }

        @Override
        public Mustache mustache(TemplateContext tc) {
            for (int i = 0; i < list.size(); i++) {
                Code next = i + 1 < list.size() ? list.get(i + 1) : null;
                String suffix = next instanceof TemplateCodes.TextCode t ? firstLine(t.text()) : null;
                if (list.get(i) instanceof TemplateCodes.YamlValueCode vc) {
                    vc.setSuffix(suffix);
                } else if (list.get(i) instanceof TemplateCodes.OskIterableCode ic) {
                    ic.setSuffix(suffix);
                }
            }
            return super.mustache(tc);
        }
    }
}
