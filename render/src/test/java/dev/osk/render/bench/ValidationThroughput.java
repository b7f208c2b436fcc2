package dev.osk.render.bench;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import dev.osk.render.validate.ValidationOptions;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Validation throughput inside one JVM: reads a folder of manifests once, validates it WARMUP times untimed,
 * then RUNS times timed, and prints the median, fastest and slowest objects per second (all checks, on all
 * cores, as osk validate runs them). Run by test-fixtures/bench/validate-bench.sh.
 */
public final class ValidationThroughput {
    private ValidationThroughput() {
    }

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<Manifest> manifests = new ManifestReader(Path::toString).read(folder);
        ValidationOptions options = ValidationOptions.defaults();
        Validator validator = new Validator();
        ValidationReport first = validator.validate(manifests, options);
        System.out.println("objects: " + manifests.size() + ", findings: " + first.findings().size());
        for (int i = 0; i < warmup; i++) {
            validator.validate(manifests, options);
        }
        double[] perSecond = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            validator.validate(manifests, options);
            perSecond[i] = manifests.size() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(perSecond);
        System.out.printf("validation after %d warm-up runs, %d runs: median %.0f objects/s (slowest %.0f,"
                + " fastest %.0f)%n", warmup, runs, perSecond[runs / 2], perSecond[0], perSecond[runs - 1]);
    }
}
