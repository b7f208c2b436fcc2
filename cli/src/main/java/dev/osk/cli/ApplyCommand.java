package dev.osk.cli;

import dev.osk.render.Engine;
import dev.osk.render.RenderRequest;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.validate.Finding;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osk apply}: render, validate, and pipe the result to {@code kubectl apply -f -}. */
@Command(name = "apply", sortOptions = false,
        description = {"Render and validate like osk render, then run kubectl apply -f - with the result.",
            "Arguments after -- go to kubectl (e.g. -- --prune -l app.kubernetes.io/part-of=openstack).",
            "Nothing is sent when rendering or validation fails; the exit code is kubectl's."})
final class ApplyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ChartOptions chart = new ChartOptions();

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KUBECTL-ARG", hidden = true)
    List<String> rest = new ArrayList<>();

    @Option(names = "--kubectl", paramLabel = "PATH", defaultValue = "kubectl",
            description = "The kubectl to run (default: kubectl from PATH). KUBECONFIG is passed through.")
    String kubectl;

    @Option(names = "--dry-run", paramLabel = "MODE",
            description = "Passed to kubectl: client or server (nothing is persisted).")
    String dryRun;

    @Option(names = "--skip-validation", description = "Do not validate before applying.")
    boolean skipValidation;

    @Mixin
    ValidationFlags validation = new ValidationFlags();

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> kubectlArgs = kubectlArgs();
        if (dryRun != null && !dryRun.equals("client") && !dryRun.equals("server")) {
            throw new dev.osk.render.InvalidRequestException("--dry-run '" + dryRun + "': legal values: client, server");
        }
        RenderRequest request = chart.request(List.of());
        List<Manifest> manifests = new Engine().render(request);
        PrintWriter err = spec.commandLine().getErr();
        if (!skipValidation) {
            ValidationReport report = new Validator().validate(manifests,
                    validation.options(request.options().kubeVersion()));
            for (Finding f : report.findings()) {
                err.println(f.text());
            }
            if (!report.valid()) {
                err.println("osk: invalid: " + report.summary() + "; nothing sent to kubectl");
                err.flush();
                return ExitCodes.ERROR;
            }
        }
        err.flush();
        List<String> cmd = new ArrayList<>(List.of(kubectl, "apply", "-f", "-"));
        if (dryRun != null) {
            cmd.add("--dry-run=" + dryRun);
        }
        cmd.addAll(kubectlArgs);
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(Workspace.cwd().toFile()).start();
        } catch (IOException e) {
            throw new dev.osk.render.InvalidRequestException("cannot run '" + kubectl + "': " + e.getMessage());
        }
        Thread outPump = pump(p.getInputStream(), spec.commandLine().getOut());
        Thread errPump = pump(p.getErrorStream(), err);
        try (OutputStream in = p.getOutputStream()) {
            in.write(new ManifestWriter().stream(manifests).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // kubectl stopped reading: its own output and exit code tell why
        }
        int code = p.waitFor();
        outPump.join();
        errPump.join();
        return code;
    }

    /** The arguments after {@code --} on the command line (picocli may have taken the first as CHART). */
    private List<String> kubectlArgs() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dash = original.indexOf("--");
        if (dash < 0) {
            if (!rest.isEmpty()) {
                throw new dev.osk.render.InvalidRequestException("unexpected argument '" + rest.get(0)
                        + "'; put kubectl arguments after --");
            }
            return List.of();
        }
        List<String> after = new ArrayList<>(original.subList(dash + 1, original.size()));
        if (chart.chart != null && !after.isEmpty() && chart.chart.equals(after.get(0))
                && !original.subList(0, dash).contains(chart.chart)) {
            chart.chart = null;
        }
        return after;
    }

    private static Thread pump(InputStream from, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) >= 0) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "osk-kubectl-output");
        t.start();
        return t;
    }
}
