package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Errors and exit codes": text from inputs (paths, names, values, template tags) never reaches the
 * terminal raw through stderr: control characters are escaped ({@code \u001b}) and every problem stays one line.
 */
class TerminalEscapesCliTest extends ChartsInTempDir {
    private static final String ESC = "\u001b[2J\u001b]0;owned\u0007";
    private static final String SHOWN = "\\u001b[2J\\u001b]0;owned\\u0007";

    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
    }

    /** Nothing on stderr but printable text, tabs and line ends. */
    private static void printable(Osk.Result r) {
        String err = r.err();
        for (int i = 0; i < err.length(); i++) {
            char c = err.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028'
                    || c == '\u202e';
            assertThat(control).as("raw U+%04x in stderr: %s", (int) c, err).isFalse();
        }
    }

    @Test
    void aChartPathWithEscapeSequencesIsShownEscaped() {
        Osk.Result r = Osk.exec("render", osk.path("no" + ESC + "where"));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        printable(r);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("no" + SHOWN + "where");
    }

    @Test
    void aTemplateTagNameWithEscapeSequencesIsShownEscaped() {
        osk.write("app/templates/cm.yaml", Osk.configMap("cm", "a: {{x" + ESC + "y}}"));
        Osk.Result r = Osk.exec("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        printable(r);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("no value for 'x" + SHOWN + "y'");
    }

    @Test
    void aLineBreakOrLineSeparatorInAMessageKeepsItOneLine() {
        Osk.Result r = Osk.exec("render", osk.path("app"), "-f", osk.path("a\nb\u2028c\u202ed.yaml"));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        printable(r);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains("a\\nb\\u2028c\\u202ed.yaml");
    }

    @Test
    void aMalformedFlagEchoesItsTextEscaped() {
        Osk.Result r = Osk.exec("render", osk.path("app"), "--set", "a" + ESC);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        printable(r);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("a" + SHOWN);
    }

    @Test
    void validationFindingsOnStderrAreEscapedOneLineEach() {
        osk.write("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{n}}\n");
        Osk.Result r = Osk.exec("render", osk.path("app"), "--set-string", "n=bad" + ESC);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        printable(r);
        assertThat(r.err()).contains("bad" + SHOWN);
        assertThat(r.errLines()).last().asString().startsWith("osk: invalid: 1 object: ");
    }

    @Test
    void stackTracesWithDebugKeepTheirTabs() {
        osk.write("app/templates/cm.yaml", Osk.configMap("cm", "a: {{x" + ESC + "y}}"));
        Osk.Result r = Osk.exec("render", osk.path("app"), "--debug");
        assertThat(r.code()).isEqualTo(1);
        printable(r);
        assertThat(r.err()).contains("\tat ");
    }
}
