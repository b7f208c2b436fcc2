package dev.osk.render.lint;

import dev.osk.render.Engine;
import dev.osk.render.FindingOrigins;
import dev.osk.render.KubeVersion;
import dev.osk.render.Location;
import dev.osk.render.MultipleProblemsException;
import dev.osk.render.OskException;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.Rendering;
import dev.osk.render.chart.Chart;
import dev.osk.render.chart.ChartArchive;
import dev.osk.render.chart.ChartFolder;
import dev.osk.render.chart.ChartLoader;
import dev.osk.render.validate.ChartExternals;
import dev.osk.render.validate.Finding;
import dev.osk.render.validate.ValidationOptions;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import dev.osk.render.values.ValueReads;
import dev.osk.render.values.ValueSource;
import dev.osk.render.values.ValuePath;
import dev.osk.render.values.ValueTree;
import dev.osk.render.yaml.JsonPointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lints one chart folder, as {@code helm lint} and chart-testing do: renders it with its defaults and once with
 * each overlay in its {@code ci/} folder ({@code ci/*.yaml}, in name order), validates each render, and reports
 * the values its {@code values.yaml} sets that no template read in any run, and the values each overlay sets that
 * no template read in its run, and the entries of its Chart.yaml {@code external} list that no run needed. Every
 * run allows the charts' placeholder passwords (a lint installs nothing).
 */
public final class ChartLint {
    /** The folder of overlays, each one run. */
    public static final String CI_FOLDER = "ci";
    /** Read by osk itself, not by templates: never reported unused. */
    private static final String ENGINE_VALUE = "/global/allowPlaceholderPasswords";
    private static final ValueSource ALLOW_PLACEHOLDERS = new ValueSource(ValueSource.Kind.SET,
            "global.allowPlaceholderPasswords=true");

    private final Path baseDir;
    private final Function<Path, String> display;
    private final KubeVersion kubeVersion;
    private final ValidationOptions validation;

    /**
     * A lint that renders for {@code validation}'s Kubernetes version and validates each render with its options
     * (CustomResourceDefinitions from outside the charts, kinds left unchecked), with each render's declared
     * externals.
     */
    public ChartLint(Path baseDir, Function<Path, String> display, ValidationOptions validation) {
        this.baseDir = baseDir;
        this.display = display;
        this.kubeVersion = validation.kubeVersion();
        this.validation = validation;
    }

    /** One render: no overlay (the defaults) or one ci/ overlay. */
    private record Run(String name, Path overlay) {
    }

    /**
     * Every finding for the chart in {@code dir}, in a stable order: run by run, then the unused defaults. A chart
     * archive ({@code .tgz}, as {@code osk package} writes it) is checked and unpacked into a private temporary
     * folder for the lint, its files named as archive entries.
     */
    public List<LintFinding> lint(Path dir) {
        if (Files.isRegularFile(baseDir.resolve(dir))) {
            List<LintFinding> out = new ArrayList<>();
            try {
                Path file = baseDir.resolve(dir);
                ChartArchive archive = ChartArchive.read(file, display.apply(file));
                try (ChartArchive.Unpacked unpacked = archive.unpack()) {
                    return new ChartLint(unpacked.chartDir(), unpacked.display(display), validation)
                            .lintFolder(Path.of(""));
                }
            } catch (OskException e) {
                problems(e, "", out);
                return out;
            }
        }
        return lintFolder(dir);
    }

    private List<LintFinding> lintFolder(Path dir) {
        List<LintFinding> out = new ArrayList<>();
        Chart chart;
        try {
            chart = new ChartLoader(display).load(baseDir.resolve(dir));
        } catch (OskException e) {
            problems(e, "", out);
            return out;
        }
        if (chart.metadata().isLibrary()) {
            return out;
        }
        List<Run> runs = new ArrayList<>();
        runs.add(new Run("the defaults", null));
        List<Path> overlays;
        try {
            overlays = overlays(chart);
        } catch (OskException e) {
            problems(e, "", out);
            overlays = List.of();
        }
        for (Path overlay : overlays) {
            runs.add(new Run(display.apply(chart.dir()) + "/" + CI_FOLDER + "/" + overlay.getFileName(), overlay));
        }
        List<ValueReads> rendered = new ArrayList<>();
        java.util.Set<String> notes = new java.util.HashSet<>();
        for (Run run : runs) {
            ValueReads reads = run(dir, run, notes, out);
            if (reads != null) {
                rendered.add(reads);
                if (run.overlay() != null) {
                    unused(overlayTree(run.overlay()), reads, " with this overlay", out);
                }
            }
        }
        if (!rendered.isEmpty()) {
            unusedInAll(chart.defaults(), rendered, out);
            String chartFile = display.apply(chart.dir().resolve("Chart.yaml"));
            ChartExternals declared = new ChartExternals(chartFile, chart.metadata().external());
            for (String d : declared.objects()) {
                if (!notes.contains(declared.note(d))) {
                    out.add(new LintFinding(LintFinding.Severity.WARNING, chartFile + ": warning: external " + d
                            + " is declared but the chart's objects never miss it [unused-external]"));
                }
            }
        }
        return out;
    }

    /**
     * The chart's ci/*.yaml files in name order. They are chart files: a link among them must stay inside the chart
     * folder, as for every file osk reads from a chart.
     */
    private List<Path> overlays(Chart chart) {
        Path ci = chart.dir().resolve(CI_FOLDER);
        return ChartFolder.of(chart, display).files(ci, p -> p.getFileName().toString().startsWith(".")
                || Files.isDirectory(p)).stream()
                .filter(p -> p.getParent().equals(ci) && p.getFileName().toString().endsWith(".yaml")).toList();
    }

    /** Renders and validates one run; returns what it read, or null when it did not render. */
    private ValueReads run(Path dir, Run run, java.util.Set<String> notes, List<LintFinding> out) {
        String with = " (with " + run.name() + ")";
        List<ValueSource> values = new ArrayList<>();
        if (run.overlay() != null) {
            values.add(new ValueSource(ValueSource.Kind.FILE, run.overlay().toString()));
        }
        values.add(ALLOW_PLACEHOLDERS);
        ValueReads reads = new ValueReads();
        RenderOptions options = new RenderOptions(null, "default", false, kubeVersion, List.of()).recordingReads(reads);
        Rendering rendering;
        try {
            rendering = new Engine().rendering(new RenderRequest(dir, values, options, baseDir, display));
        } catch (OskException e) {
            problems(e, with, out);
            return null;
        }
        // the render recorded its reads, so its objects know where the values on each line were set
        ValidationReport report = FindingOrigins.annotate(new Validator().validate(rendering.manifests(),
                validation.with(rendering.external())),
                rendering.manifests());
        notes.addAll(report.notes());
        for (Finding f : report.findings()) {
            out.add(new LintFinding(f.severity() == Finding.Severity.ERROR ? LintFinding.Severity.ERROR
                    : LintFinding.Severity.WARNING, f.text() + with));
        }
        return reads;
    }

    private static void problems(OskException e, String with, List<LintFinding> out) {
        List<OskException> all = e instanceof MultipleProblemsException m ? m.problems() : List.of(e);
        for (OskException p : all) {
            String at = p.location() == null ? "" : p.location() + ": ";
            out.add(new LintFinding(LintFinding.Severity.ERROR, at + "error: " + p.detail() + with));
        }
    }

    private ValueTree overlayTree(Path overlay) {
        return ValueSource.merge(List.of(new ValueSource(ValueSource.Kind.FILE, overlay.toString())), baseDir,
                display);
    }

    /** A warning for each value of {@code tree} that {@code reads} did not read. */
    private static void unused(ValueTree tree, ValueReads reads, String when, List<LintFinding> out) {
        for (Leaf leaf : leaves(tree)) {
            if (!reads.wasRead(leaf.at())) {
                out.add(unusedFinding(leaf, when));
            }
        }
    }

    /** A warning for each value of the chart's defaults that no run read. */
    private static void unusedInAll(ValueTree defaults, List<ValueReads> runs, List<LintFinding> out) {
        for (Leaf leaf : leaves(defaults)) {
            if (runs.stream().noneMatch(r -> r.wasRead(leaf.at()))) {
                out.add(unusedFinding(leaf, ""));
            }
        }
    }

    private static LintFinding unusedFinding(Leaf leaf, String when) {
        return new LintFinding(LintFinding.Severity.WARNING, leaf.at() + ": warning: " + leaf.path()
                + " is set but no template reads it" + when + " [unused-value]");
    }

    /** A value as a user sets it: its dotted path and where it is set. */
    private record Leaf(String path, Location at) {
    }

    /** The values of {@code tree} that are not maps (lists count whole), and empty maps; nulls are left out. */
    private static List<Leaf> leaves(ValueTree tree) {
        List<Leaf> out = new ArrayList<>();
        collect(tree.data(), "", new ArrayList<>(), tree, out);
        out.sort(Comparator.comparingInt((Leaf l) -> l.at().line()).thenComparingInt(l -> l.at().column()));
        return out;
    }

    private static void collect(Object v, String ptr, List<String> path, ValueTree tree, List<Leaf> out) {
        if (v == null || ptr.equals(ENGINE_VALUE)) {
            return;
        }
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                path.add(key);
                collect(e.getValue(), JsonPointer.append(ptr, key), path, tree, out);
                path.remove(path.size() - 1);
            }
            return;
        }
        Location at = tree.origins().get(ptr);
        if (at != null && !ptr.isEmpty()) {
            out.add(new Leaf(ValuePath.format(path), at));
        }
    }
}
