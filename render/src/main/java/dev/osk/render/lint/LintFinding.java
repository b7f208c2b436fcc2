package dev.osk.render.lint;

import dev.osk.render.ControlCharacters;

/**
 * One problem {@code osk lint} found in a chart: an error (the chart fails to render or its objects fail to
 * validate, with its defaults or with one of its {@code ci/} overlays) or a warning (a value set that no template
 * reads). {@code text} is the whole line as printed: {@code file:line:col: error|warning: message}.
 */
public record LintFinding(Severity severity, String text) {
    public enum Severity { ERROR, WARNING }

    public LintFinding {
        text = ControlCharacters.escape(text);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
