package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * osk's verdict on one object for Kubernetes 1.20, as {@code osk validate --kube-version 1.20} with the render-wide
 * checks as warnings gives it (the server judges each object alone), and a writer of the mutants for the server:
 * {@code java -cp render/target/test-classes:cli/target/osk.jar dev.osk.render.validate.MutantVerdicts DIR}
 * writes DIR/NNNNN.yaml, one mutant each, and DIR/index.tsv (file, id).
 */
final class MutantVerdicts {
    static final KubeVersion VERSION = KubeVersion.parse("1.20");
    private static final Set<Check> RENDER_WIDE = renderWide();

    private MutantVerdicts() {
    }

    private static Set<Check> renderWide() {
        Set<Check> s = EnumSet.noneOf(Check.class);
        for (Check c : Check.values()) {
            if (c.renderWide()) {
                s.add(c);
            }
        }
        return s;
    }

    /** The errors osk finds in one YAML document (none: osk accepts it). */
    static List<Finding> errors(String yaml, String source) {
        List<Manifest> ms = new ManifestReader(p -> source).parse(yaml, source);
        ValidationReport r = new Validator().validate(ms, new ValidationOptions(VERSION, RENDER_WIDE, Set.of()));
        List<Finding> errors = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.severity() == Finding.Severity.ERROR) {
                errors.add(f);
            }
        }
        return errors;
    }

    static List<Mutants.Mutant> mutants(Path validateDir) throws IOException {
        return Mutants.all(validateDir, yaml -> errors(yaml, "seed").isEmpty());
    }

    public static void main(String[] args) throws IOException {
        Path validateDir = Path.of(args.length > 1 ? args[1] : "test-fixtures/validate");
        Path out = Files.createDirectories(Path.of(args[0]));
        StringBuilder index = new StringBuilder("file\tid\n");
        int n = 0;
        for (Mutants.Mutant m : mutants(validateDir)) {
            String file = String.format("%05d.yaml", ++n);
            Files.writeString(out.resolve(file), m.yaml(), StandardCharsets.UTF_8);
            index.append(file).append('\t').append(m.id()).append('\n');
        }
        Files.writeString(out.resolve("index.tsv"), index, StandardCharsets.UTF_8);
        System.out.println(n + " mutants in " + out);
    }
}
