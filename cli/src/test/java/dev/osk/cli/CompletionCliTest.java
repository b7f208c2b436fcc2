package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** osk completion: scripts a shell can load, naming every command and the flags users type most. */
class CompletionCliTest {
    private static final List<String> COMMANDS = List.of("render", "validate", "apply", "values", "graph", "lint",
            "package", "release", "diff", "passwords", "completion", "show", "create");

    @Test
    void bashScriptNamesEveryCommandAndParses(@TempDir Path tmp) throws Exception {
        Osk.Result r = Osk.exec("completion", "bash");
        assertThat(r.code()).as(r.toString()).isZero();
        for (String c : COMMANDS) {
            assertThat(r.out()).contains(c);
        }
        assertThat(r.out()).contains("--values").contains("--set-json").contains("complete -F");
        Path bash = Path.of("/bin/bash");
        if (Files.isExecutable(bash)) {
            Path script = tmp.resolve("osk.bash");
            Files.writeString(script, r.out());
            Process p = new ProcessBuilder(bash.toString(), "-n", script.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(said).isZero();
        }
    }

    @Test
    void fishScriptCompletesCommandsAndFlags() {
        Osk.Result r = Osk.exec("completion", "fish");
        assertThat(r.code()).as(r.toString()).isZero();
        for (String c : COMMANDS) {
            assertThat(r.out()).contains("-a '" + c + "'");
        }
        assertThat(r.out()).contains("-n '__fish_seen_subcommand_from render' -s f -l values -r -F");
    }

    @Test
    void unknownShellIsAUsageError() {
        Osk.Result r = Osk.exec("completion", "tcsh");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("tcsh");
    }
}
