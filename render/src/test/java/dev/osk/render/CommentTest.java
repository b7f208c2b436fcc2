package dev.osk.render;

import static dev.osk.render.testing.TestCharts.data;
import static dev.osk.render.testing.TestCharts.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.testing.TestCharts;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README "Templates": comments {@code {{! ... }}} leave nothing in the output, and a comment on lines of its own
 * leaves no line, also when it spans several lines (the Mustache spec's comments.yml).
 */
class CommentTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        fx.chart("app", "app");
    }

    private List<Manifest> render(String template, dev.osk.render.values.ValueSource... sources) {
        fx.write("app/templates/t.yaml", template);
        return fx.render("app", sources);
    }

    /** {@code body} as the lines of a literal block scalar {@code s}, so the test reads the exact text back. */
    private String rendered(String body) {
        StringBuilder t = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\ndata:\n  s: |\n");
        for (String line : body.split("\n", -1)) {
            t.append(line.isEmpty() ? "" : "    " + line).append('\n');
        }
        return (String) data(render(t.toString()), "t").get("s");
    }

    static Stream<Arguments> specCases() {
        return Stream.of(
                Arguments.of("inline", "12345{{! Comment Block! }}67890", "1234567890\n"),
                Arguments.of("multiline", "12345{{!\n  This is a\n  multi-line comment...\n}}67890",
                        "1234567890\n"),
                Arguments.of("standalone", "Begin.\n{{! Comment Block! }}\nEnd.", "Begin.\nEnd.\n"),
                Arguments.of("indented standalone", "Begin.\n  {{! Indented Comment Block! }}\nEnd.",
                        "Begin.\nEnd.\n"),
                Arguments.of("multiline standalone", "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.",
                        "Begin.\nEnd.\n"),
                Arguments.of("indented multiline standalone",
                        "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.", "Begin.\nEnd.\n"),
                Arguments.of("standalone with trailing spaces", "Begin.\n  {{!\n    x\n  }}   \nEnd.",
                        "Begin.\nEnd.\n"),
                Arguments.of("indented inline", "x\n  12 {{! 34 }}\nx", "x\n  12 \nx\n"),
                Arguments.of("surrounding whitespace", "12345 {{! Comment Block! }} 67890", "12345  67890\n"),
                Arguments.of("multiline between text on both lines", "a {{! one\ntwo }} b\nc", "a  b\nc\n"),
                Arguments.of("two multiline comments on one line", "a{{! 1\n2 }}b{{! 3\n4\n5 }}c\nd", "abc\nd\n"),
                Arguments.of("multiline standalone comments one after another",
                        "Begin.\n{{! 1\n2 }}\n  {{!\n3\n}}\nEnd.", "Begin.\nEnd.\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specCases")
    void commentsBehaveAsTheMustacheSpecSays(String name, String template, String expected) {
        assertThat(rendered(template)).isEqualTo(expected);
    }

    @Test
    void aMultiLineCommentAtTheTopKeepsEveryLineAfterItApart() {
        List<Manifest> out = render("""
                {{!
                  What this template renders,
                  over several lines.
                }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                data:
                  script: |
                    first
                    {{#on}}
                    on-line
                    {{/on}}
                    value {{on}}
                    last
                """, set("on=true"));
        assertThat(data(out, "t").get("script")).isEqualTo("first\non-line\nvalue true\nlast\n");
        assertThat(new ManifestWriter().stream(out)).isEqualTo("""
                ---
                # Source: app/templates/t.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                data:
                  script: |
                    first
                    on-line
                    value true
                    last
                """);
    }

    @Test
    void aMultiLineCommentInsideASectionAndAPartialLeavesNoLine() {
        fx.write("app/templates/_labels.yaml", """
                {{!
                  shared labels
                }}
                app: web
                tier: {{tier}}
                """);
        List<Manifest> out = render("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                  labels:
                    {{> labels}}
                data:
                  s: |
                    {{#on}}
                      {{!
                        inside the section
                      }}
                    in
                    {{/on}}
                    end
                """, set("on=true,tier=front"));
        Manifest cm = TestCharts.find(out, "ConfigMap", "t");
        assertThat(((java.util.Map<?, ?>) cm.object().get("metadata")).get("labels"))
                .isEqualTo(TestCharts.map("app", "web", "tier", "front"));
        assertThat(data(out, "t").get("s")).isEqualTo("in\nend\n");
    }

    @Test
    void errorsAfterAMultiLineCommentAreAtTheirOwnLine() {
        // line 1-3: the comment, line 9: the missing value, at column 8
        fx.write("app/templates/t.yaml", """
                {{!
                  three lines
                }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                data:
                  a: x {{missing}}
                """);
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:9:8: ").hasMessageContaining("missing");
    }

    @Test
    void errorsOnTheLineThatClosesAMultiLineCommentAreOnThatLine() {
        fx.write("app/templates/t.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: t
                data:
                  a: {{! a comment
                    that ends here }}{{missing}}
                """);
        assertThatThrownBy(() -> fx.render("app")).isInstanceOf(OskException.class)
                .hasMessageStartingWith("app/templates/t.yaml:7:").hasMessageContaining("missing");
    }
}
