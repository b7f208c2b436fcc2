package dev.osk.cli;

import dev.osk.render.MultipleProblemsException;
import dev.osk.render.OskException;
import dev.osk.render.release.ReleaseBundle;
import dev.osk.render.validate.Finding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osk release verify}: a bundle's digests match, its archive reproduces its manifests, they validate. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Check a release bundle: digests, reproducible manifests, validation.",
            "Every file must match SHA256SUMS (and no other file be there), the archive rendered with values.yaml"
                + " and release.yaml's options must give manifests.yaml and manifests/ byte for byte, and the"
                + " objects must validate.",
            "Exit 0 when all holds, 1 otherwise (one line per problem on stderr)."})
final class ReleaseVerifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The bundle folder osk release wrote.")
    Path dir;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        Path bundle = Workspace.cwd().resolve(dir);
        ReleaseBundle.Verification v = new ReleaseBundle().verify(bundle, Workspace.display(),
                VersionProvider.version());
        PrintWriter err = spec.commandLine().getErr();
        if (v.report() != null) {
            for (Finding f : v.report().findings()) {
                err.println(f.text());
            }
            err.flush();
        }
        if (!v.ok()) {
            List<OskException> problems = new ArrayList<>(v.problems());
            if (v.report() != null && !v.report().valid()) {
                problems.add(new OskException("osk: invalid: " + v.report().summary()));
            }
            problems.add(new OskException("osk: " + Workspace.display(bundle) + " does not verify"));
            throw new MultipleProblemsException(problems);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("verified " + Workspace.display(bundle) + ": " + v.chart() + " " + v.version() + "; " + v.files()
                + (v.files() == 1 ? " file matches " : " files match ") + ReleaseBundle.SUMS_FILE + "; " + v.objects()
                + (v.objects() == 1 ? " object" : " objects") + " rendered from "
                + v.archive() + " equal manifests.yaml and manifests/ byte for byte and validate for Kubernetes "
                + v.kubeVersion());
        out.flush();
        return ExitCodes.OK;
    }
}
