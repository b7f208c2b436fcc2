package dev.osk.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.OskException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How values files are read (README: Values, "Values files are read as YAML 1.2 (core schema)"). */
class YamlReaderTest {
    private final YamlReader core = new YamlReader(YamlSchema.CORE);
    private final YamlReader kube = new YamlReader(YamlSchema.KUBE);

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(YamlReader r, String text) {
        return (Map<String, Object>) r.readOne(text, "values.yaml").value();
    }

    @Test
    void coreSchemaHasOnlyTrueAndFalseAsBooleans() {
        Map<String, Object> m = read(core, "a: yes\nb: on\nc: no\nd: off\ne: y\nf: true\ng: false\n");
        assertThat(m).containsEntry("a", "yes").containsEntry("b", "on").containsEntry("c", "no")
                .containsEntry("d", "off").containsEntry("e", "y").containsEntry("f", true).containsEntry("g", false);
    }

    @Test
    void coreSchemaNumbersStayExact() {
        Map<String, Object> m = read(core, "a: 1.10\nb: 12345678901234567890\nc: 42\nd: 0755\ne: -5\n");
        assertThat(m.get("a")).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) m.get("a")).toPlainString()).isEqualTo("1.10");
        assertThat(m.get("b")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(m.get("c")).isEqualTo(42L);
        assertThat(m.get("e")).isEqualTo(-5L);
    }

    @Test
    void coreSchemaNullAndQuotedStrings() {
        Map<String, Object> m = read(core, "a: ~\nb: null\nc: \"null\"\nd: '1.10'\n");
        assertThat(m).containsEntry("a", null).containsEntry("b", null).containsEntry("c", "null")
                .containsEntry("d", "1.10");
    }

    @Test
    void kubeSchemaReadsYesAndOnAsBooleans() {
        Map<String, Object> m = read(kube, "a: yes\nb: on\nc: no\nd: off\n");
        assertThat(m).containsEntry("a", true).containsEntry("b", true).containsEntry("c", false)
                .containsEntry("d", false);
    }

    @Test
    void duplicateKeysAreErrorsAtTheSecondKey() {
        assertThatThrownBy(() -> read(core, "a: 1\nb:\n  c: 1\n  c: 2\n"))
                .isInstanceOf(OskException.class)
                .satisfies(e -> {
                    OskException oe = (OskException) e;
                    assertThat(oe.location().file()).isEqualTo("values.yaml");
                    assertThat(oe.location().line()).isEqualTo(4);
                    assertThat(oe.location().column()).isEqualTo(3);
                    assertThat(oe.getMessage()).startsWith("values.yaml:4:3: ").contains("'c'");
                });
    }

    @Test
    void unknownTagsAreErrors() {
        assertThatThrownBy(() -> read(core, "a: !!python/object:os.system x\n")).isInstanceOf(OskException.class);
        assertThatThrownBy(() -> read(core, "a: !custom x\n")).isInstanceOf(OskException.class);
        assertThatThrownBy(() -> read(core, "a: !!binary aGVsbG8=\n")).isInstanceOf(OskException.class);
    }

    @Test
    void moreThanAHundredAliasesIsAnError() {
        StringBuilder sb = new StringBuilder("base: &b [x]\nlist:\n");
        for (int i = 0; i < 101; i++) {
            sb.append("  - *b\n");
        }
        assertThatThrownBy(() -> read(core, sb.toString())).isInstanceOf(OskException.class)
                .hasMessageStartingWith("values.yaml");
    }

    @Test
    void aFewAliasesAreFineAndExpanded() {
        Map<String, Object> m = read(core, "base: &b {x: 1}\nother: *b\n");
        assertThat(m.get("other")).isEqualTo(Map.of("x", 1L));
    }

    @Test
    void anAliasBombIsAnError() {
        // 9 levels of 10 aliases each: few aliases, but 10^9 nodes once expanded
        StringBuilder sb = new StringBuilder("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        assertThatThrownBy(() -> read(core, sb.toString())).isInstanceOf(OskException.class)
                .hasMessageStartingWith("values.yaml");
    }

    @Test
    void documentsOverSixteenMebiCharactersAreErrorsAndFailFast() {
        // the size limit guards against huge inputs, so it must hold whatever the text is made of (here a comment)
        int n = YamlReader.MAX_DOCUMENT_CODE_POINTS + 16;
        String text = "a: 1\n#" + "x".repeat(n) + "\n";
        assertThatThrownBy(() -> read(core, text)).isInstanceOf(OskException.class)
                .hasMessageStartingWith("values.yaml");
    }
}
