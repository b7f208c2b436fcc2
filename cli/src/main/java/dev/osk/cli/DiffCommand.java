package dev.osk.cli;

import dev.osk.render.Engine;
import dev.osk.render.InvalidRequestException;
import dev.osk.render.KubeVersion;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.diff.DiffFormat;
import dev.osk.render.diff.DiffOptions;
import dev.osk.render.diff.DiffResult;
import dev.osk.render.diff.ManifestDiff;
import dev.osk.render.diff.PathPattern;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import dev.osk.render.values.ValueSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osk diff OLD NEW}: what a change does to the rendered objects. Each side is a manifest file or folder,
 * {@code -} for stdin, a release bundle, or a chart (a folder with Chart.yaml or a chart archive) rendered with the
 * shared and its own values.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false, exitCodeOnInvalidInput = ExitCodes.ERROR,
        description = {"Compare two sets of Kubernetes objects: the added (+), removed (-) and changed (~) objects, a"
                + " unified diff of each changed object, and a summary line.",
            "Objects are matched by group, kind, namespace and name; document order, field order and YAML style are"
                + " no change. Secret values are hidden.",
            "OLD and NEW are each a manifest file or folder, - for stdin, a release bundle (its manifests.yaml), or a"
                + " chart (a folder with Chart.yaml, or a .tgz chart archive) rendered with the shared values flags"
                + " and its own (--old-* or --new-*)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no changes, or changes without --exit-code", "1:an error (usage errors included)",
            "2:changes found (with --exit-code)"})
final class DiffCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The state before: file, folder, -, release bundle or chart.")
    String oldArg;

    @Parameters(index = "1", paramLabel = "NEW", description = "The state after: file, folder, -, release bundle or chart.")
    String newArg;

    @Option(names = {"-C", "--context"}, paramLabel = "N", defaultValue = "3",
            description = "Unchanged lines around each change (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the changed fields as JSON pointers).")
    String output;

    @Option(names = "--brief", description = "Only the object lines and the summary (text), no field changes (json).")
    boolean brief;

    @Option(names = "--ignore", paramLabel = "PATH",
            description = "Leave a field out of the comparison (repeatable): a JSON pointer (/metadata/labels/x)"
                    + " or a dotted path with * and ** (metadata.annotations.checksum*, **.annotations.checksum*).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--ignore-kind", paramLabel = "KIND", description = "Leave every object of a kind out, e.g. Secret (repeatable; any case).")
    List<String> ignoreKinds = new ArrayList<>();

    @Option(names = "--show-secrets", description = "Show the values of Secret data (hidden by default: only the"
            + " keys that changed are named).")
    boolean showSecrets;

    @Option(names = "--exit-code", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean exitCode;

    @Mixin
    ValuesOptions values = new ValuesOptions();

    @Mixin
    DiffSideValues sides = new DiffSideValues();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace for rendering chart sides (as osk render -n).")
    String namespace;

    @Option(names = "--release-name", paramLabel = "NAME", description = "Release name for chart sides.")
    String releaseName;

    @Option(names = "--kube-version", paramLabel = "X.Y",
            description = "Kubernetes version chart sides are rendered for (default: 1.34).")
    String kubeVersion;

    @Mixin
    DebugOption debug;

    private enum SideKind {
        STDIN("standard input"), FILE("a manifest file"), FOLDER("a manifest folder"),
        BUNDLE("a release bundle"), CHART("a chart");

        final String text;

        SideKind(String text) {
            this.text = text;
        }
    }

    private static final String BUNDLE_MANIFESTS = "manifests.yaml";

    private record Side(String label, String arg, SideKind kind, Path path, List<ValueSource> own) {
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        DiffFormat format = DiffFormat.parse(output);
        if (context < 0) {
            throw new InvalidRequestException("-C " + context + ": the number of context lines cannot be negative");
        }
        List<PathPattern> patterns = ignore.stream().map(PathPattern::parse).toList();
        DiffOptions options = new DiffOptions(patterns, new LinkedHashSet<>(ignoreKinds), showSecrets);
        KubeVersion version = kubeVersion == null ? KubeVersion.DEFAULT : KubeVersion.parse(kubeVersion);

        Side oldSide = side("OLD", oldArg, sides.old, "--old-");
        Side newSide = side("NEW", newArg, sides.neu, "--new-");
        if (oldSide.kind() == SideKind.STDIN && newSide.kind() == SideKind.STDIN) {
            throw new InvalidRequestException("OLD and NEW cannot both be - (standard input)");
        }
        if ((oldSide.kind() == SideKind.STDIN || newSide.kind() == SideKind.STDIN) && values.readsStdin()) {
            throw new InvalidRequestException("- (standard input) is both a side and -f -: standard input can feed"
                    + " only one of them");
        }
        boolean sharedRenderFlags = !values.sources().isEmpty() || namespace != null || releaseName != null
                || kubeVersion != null;
        if (sharedRenderFlags && oldSide.kind() != SideKind.CHART && newSide.kind() != SideKind.CHART) {
            throw new InvalidRequestException("-f, --set..., -n, --release-name and --kube-version render a chart,"
                    + " but neither OLD nor NEW is a chart (a folder with Chart.yaml or a .tgz chart archive)");
        }
        RenderOptions renderOptions = new RenderOptions(releaseName, namespace == null ? "default" : namespace,
                namespace != null, version, List.of());
        String stdin = oldSide.kind() == SideKind.STDIN || newSide.kind() == SideKind.STDIN ? readStdin() : null;

        // the two sides are independent: read or render them at the same time
        Path cwd = Workspace.cwd();
        CompletableFuture<List<Manifest>> oldLoad = CompletableFuture.supplyAsync(
                () -> Workspace.in(cwd, () -> load(oldSide, renderOptions, stdin)));
        List<Manifest> newManifests = null;
        RuntimeException newFailure = null;
        try {
            newManifests = load(newSide, renderOptions, stdin);
        } catch (RuntimeException e) {
            newFailure = e;
        }
        List<Manifest> oldManifests;
        try {
            oldManifests = oldLoad.join();
        } catch (CompletionException e) {
            // when both sides fail, OLD's problem is the one reported
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        if (newFailure != null) {
            throw newFailure;
        }

        long t1 = System.nanoTime();
        DiffResult result = new ManifestDiff(options).compare(oldManifests, newManifests);
        long t2 = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.write(result, context, brief));
        out.flush();
        if (debug.debug) {
            long t3 = System.nanoTime();
            PrintWriter err = spec.commandLine().getErr();
            err.printf("osk: debug: %d and %d objects; read/render %d ms, compare %d ms, write %d ms; JVM up %d ms%n",
                    oldManifests.size(), newManifests.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            err.flush();
        }
        return exitCode && result.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    private Side side(String label, String arg, List<ValueSource> own, String flagPrefix) {
        SideKind kind;
        Path path = null;
        if (arg.equals("-")) {
            kind = SideKind.STDIN;
        } else {
            path = Workspace.cwd().resolve(arg);
            if (Files.isDirectory(path)) {
                if (Files.isRegularFile(path.resolve("Chart.yaml"))) {
                    kind = SideKind.CHART;
                } else if (isReleaseBundle(path)) {
                    kind = SideKind.BUNDLE;
                } else {
                    kind = SideKind.FOLDER;
                }
            } else if (Files.isRegularFile(path)) {
                String name = path.getFileName().toString();
                kind = name.endsWith(".tgz") || name.endsWith(".tar.gz") ? SideKind.CHART : SideKind.FILE;
            } else if (TextInput.type(path) == TextInput.Type.MISSING) {
                throw new InvalidRequestException(label + ": no such file or folder: " + arg);
            } else {
                throw new OskException(dev.osk.render.Location.of(Workspace.display(path)), "is "
                        + TextInput.type(path).text + ", not a manifest file, folder or chart; osk reads only"
                        + " regular files");
            }
        }
        if (!own.isEmpty() && kind != SideKind.CHART) {
            throw new InvalidRequestException(flagPrefix + "values and " + flagPrefix + "set... apply to a chart, but "
                    + label + " (" + arg + ") is " + kind.text);
        }
        return new Side(label, arg, kind, path, own);
    }

    /** A folder {@code osk release} wrote: its objects are {@code manifests.yaml} (the rest is not objects). */
    private static boolean isReleaseBundle(Path dir) {
        return Files.isRegularFile(dir.resolve(BUNDLE_MANIFESTS)) && Files.isRegularFile(dir.resolve("release.yaml"))
                && Files.isRegularFile(dir.resolve(dev.osk.render.manifest.ManifestWriter.MARKER));
    }

    /** The shared layers first, then the side's own (files below --set flags, as always). */
    private List<Manifest> load(Side side, RenderOptions renderOptions, String stdin) {
        ManifestReader reader = new ManifestReader(Workspace.display());
        return switch (side.kind()) {
            case STDIN -> reader.parse(stdin, "<stdin>");
            case FILE, FOLDER -> reader.read(side.path());
            case BUNDLE -> reader.read(side.path().resolve(BUNDLE_MANIFESTS));
            case CHART -> {
                List<ValueSource> layers = new ArrayList<>(values.sources());
                layers.addAll(side.own());
                yield new Engine().render(new RenderRequest(side.path(), layers, renderOptions, Workspace.cwd(),
                        Workspace.display()));
            }
        };
    }

    private static String readStdin() {
        return TextInput.read(Workspace.stdin(), "<stdin>", TextInput.MAX_YAML_BYTES, "standard input");
    }
}
