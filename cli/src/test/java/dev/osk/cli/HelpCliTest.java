package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command answers --help on stdout with exit 0, as a user typing it expects. */
class HelpCliTest {
    @ParameterizedTest
    @ValueSource(strings = {"render", "validate", "apply", "values", "graph", "diff", "package", "release",
        "release verify"})
    void everyCommandHasHelp(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = (command + " --help").split(" ");
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: osk " + command + " [-h");
        assertThat(err.toString()).isEmpty();
    }
}
