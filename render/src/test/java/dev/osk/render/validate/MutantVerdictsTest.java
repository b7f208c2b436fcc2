package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The differential test against kube-apiserver 1.20.2, replayed offline: every mutant of
 * {@link Mutants} has the verdict the real server gave it recorded in
 * test-fixtures/validate/mutants/server-verdicts-1.20.tsv (recorded by test-fixtures/e2e/mutant-verdicts.sh),
 * and osk validate --kube-version 1.20 gives the same verdict, except on the mutants listed in
 * test-fixtures/validate/mutants/disagreements-1.20.tsv. That list only shrinks: a mutant on which osk and the
 * server come to agree must leave it, a new disagreement fails the test.
 */
class MutantVerdictsTest {
    static final Path DIR = ValidationCorpusTest.CORPUS.resolve("mutants");

    static Map<String, String> column(Path tsv, int col) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            m.put(f[0], f[col]);
        }
        return m;
    }

    @Test
    void oskAgreesWithTheRecordedServerVerdictsOutsideTheListedDisagreements() throws IOException {
        Map<String, String> server = column(DIR.resolve("server-verdicts-1.20.tsv"), 1);
        Map<String, String> listed = column(DIR.resolve("disagreements-1.20.tsv"), 1);
        List<Mutants.Mutant> mutants = MutantVerdicts.mutants(ValidationCorpusTest.CORPUS);
        assertThat(mutants.stream().map(Mutants.Mutant::id).toList())
                .as("the generated mutants are the recorded ones (a change needs new server verdicts)")
                .containsExactlyElementsOf(server.keySet());
        List<String> disagreements = new ArrayList<>();
        StringBuilder table = new StringBuilder("id\tserver\tosk\tosk finding\n");
        int rejects = 0;
        for (Mutants.Mutant m : mutants) {
            List<Finding> errors = MutantVerdicts.errors(m.yaml(), m.id());
            String osk = errors.isEmpty() ? "accepts" : "rejects";
            String srv = server.get(m.id());
            rejects += srv.equals("rejects") ? 1 : 0;
            if (!osk.equals(srv)) {
                disagreements.add(m.id());
                table.append(m.id()).append('\t').append(srv).append('\t').append(osk).append('\t')
                        .append(errors.isEmpty() ? "" : errors.get(0).message().replace('\t', ' ').replace('\n', ' '))
                        .append('\n');
            }
        }
        String write = System.getProperty("osk.mutants.disagreements");
        if (write != null) {
            Files.writeString(Path.of(write), table, StandardCharsets.UTF_8);
        }
        System.out.printf("mutants: %d (server rejects %d), osk agrees on %d (%.1f%%), %d disagreements%n",
                mutants.size(), rejects, mutants.size() - disagreements.size(),
                100.0 * (mutants.size() - disagreements.size()) / mutants.size(), disagreements.size());
        assertThat(disagreements).as("disagreements with the server (listed in disagreements-1.20.tsv)")
                .containsExactlyInAnyOrderElementsOf(listed.keySet());
    }
}
