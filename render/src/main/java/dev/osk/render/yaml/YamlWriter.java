package dev.osk.render.yaml;

import java.math.BigDecimal;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes values as block YAML in kubectl's style (two-space indent, sequences not indented under their key),
 * with every string that some YAML reader would mistype quoted, multi-line strings as literal blocks, exact
 * numbers, no anchors and no line folding. The same value always gives the same bytes.
 */
public final class YamlWriter {
    private final Yaml yaml;

    public YamlWriter() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        o.setSplitLines(false);
        o.setWidth(Integer.MAX_VALUE);
        o.setAllowUnicode(true);
        o.setDereferenceAliases(true);
        o.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
        o.setLineBreak(DumperOptions.LineBreak.UNIX);
        LoaderOptions lo = new LoaderOptions();
        yaml = new Yaml(new SafeConstructor(lo), new OskRepresenter(o), o, lo, YamlSchema.quotingResolver());
    }

    /** Block YAML for {@code value}, ending with a newline; {@code {}} for an empty map. */
    public String write(Object value) {
        return yaml.dump(value);
    }

    private static final class OskRepresenter extends Representer {
        OskRepresenter(DumperOptions o) {
            super(o);
            Represent plainNumber = data -> representScalar(Tag.FLOAT, ((BigDecimal) data).toString());
            this.representers.put(BigDecimal.class, plainNumber);
            this.representers.put(String.class, data -> {
                String s = (String) data;
                DumperOptions.ScalarStyle style = s.indexOf('\n') >= 0 && s.indexOf('\r') < 0
                        ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN;
                return representScalar(Tag.STR, s, style);
            });
            this.representers.put(Double.class, data -> representScalar(Tag.FLOAT, YamlScalars.inline(data)));
        }
    }
}
