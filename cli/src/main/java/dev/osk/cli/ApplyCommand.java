package dev.osk.cli;

import dev.osk.render.Engine;
import dev.osk.render.RenderRequest;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
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
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
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

    @Option(names = "--recreate-jobs",
            description = "Delete the render's Jobs (kubectl delete job --ignore-not-found) before applying, so"
                    + " one-shot Jobs whose template changed run again instead of failing as immutable.")
    boolean recreateJobs;

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
        // validated as it is parsed, as osk render does
        Engine.CheckedRendering checked = new Engine().renderChecked(request,
                skipValidation ? null : validation.options(request.options().kubeVersion()));
        List<Manifest> manifests = checked.manifests();
        PrintWriter err = spec.commandLine().getErr();
        if (checked.report() != null && !ValidationFlags.report(checked.report(), err, "nothing sent to kubectl")) {
            return ExitCodes.ERROR;
        }
        err.flush();
        if (recreateJobs && dryRun == null) {
            int code = deleteJobs(manifests, kubectlArgs);
            if (code != 0) {
                return code;
            }
        }
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
        byte[] yaml = new ManifestWriter().stream(manifests).getBytes(StandardCharsets.UTF_8);
        IOException shortWrite = null;
        try (OutputStream in = p.getOutputStream()) {
            in.write(yaml);
        } catch (IOException e) {
            shortWrite = e;
        }
        int code = p.waitFor();
        outPump.join();
        errPump.join();
        if (shortWrite != null && code == 0) {
            // kubectl that fails says why itself; one that succeeds without reading everything applied only part
            throw new dev.osk.render.OskException("osk: " + kubectl + " stopped reading the manifests before their"
                    + " end (" + yaml.length + " bytes; " + dev.osk.render.TextInput.reason(shortWrite) + ") and"
                    + " exited 0: not every object was applied");
        }
        return code;
    }

    /** Deletes the Jobs of the render, namespace by namespace; returns kubectl's exit code. */
    private int deleteJobs(List<Manifest> manifests, List<String> kubectlArgs) throws IOException, InterruptedException {
        java.util.Map<String, List<String>> byNamespace = new java.util.TreeMap<>();
        for (Manifest m : manifests) {
            if (m.kind().equals("Job") && m.name() != null) {
                byNamespace.computeIfAbsent(m.namespace() == null ? "" : m.namespace(), k -> new ArrayList<>())
                        .add(m.name());
            }
        }
        for (java.util.Map.Entry<String, List<String>> e : byNamespace.entrySet()) {
            List<String> cmd = new ArrayList<>(List.of(kubectl, "delete", "job", "--ignore-not-found", "--wait=true"));
            if (!e.getKey().isEmpty()) {
                cmd.add("--namespace=" + e.getKey());
            }
            for (String a : kubectlArgs) {
                if (a.startsWith("--kubeconfig") || a.startsWith("--context") || a.startsWith("--server")
                        || a.startsWith("--token")) {
                    cmd.add(a);
                }
            }
            cmd.addAll(e.getValue());
            Process p = new ProcessBuilder(cmd).directory(Workspace.cwd().toFile()).start();
            p.getOutputStream().close();
            Thread outPump = pump(p.getInputStream(), spec.commandLine().getErr());
            Thread errPump = pump(p.getErrorStream(), spec.commandLine().getErr());
            int code = p.waitFor();
            outPump.join();
            errPump.join();
            if (code != 0) {
                return code;
            }
        }
        return 0;
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
