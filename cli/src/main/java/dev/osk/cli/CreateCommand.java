package dev.osk.cli;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.OskException;
import dev.osk.render.release.VendoredChart;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osk create NAME [--dir DIR]}: a starter service chart, as {@code helm create} writes one: a Deployment,
 * its Service and a ConfigMap from the catalogue's microcharts. The microcharts are copied into the new chart's
 * {@code charts/} (as {@code osk package} vendors them), so it renders on its own wherever it is moved; the
 * starter's own files are the resources in {@code starter/}, with {@code @name@} standing for NAME.
 */
@Command(name = "create", sortOptions = false,
        description = {"Write a starter service chart DIR/NAME: a Deployment, its Service and a ConfigMap composed"
                + " from the catalogue's microcharts, with values.yaml and a README.md that says how to render it.",
            "The microcharts are copied into NAME/charts/, so the chart renders on its own wherever it is. The"
                + " folder is written aside and renamed into place; an existing NAME is never written over."})
final class CreateCommand implements Callable<Integer> {
    /** A DNS-1123 label: what Kubernetes object names and label values of the chart are made from. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** The starter's files, below {@code starter/} next to this class. */
    private static final List<String> STARTER_FILES = List.of("Chart.yaml", "values.yaml", "README.md");
    /** The catalogue charts the starter is made of, below the osk installation's {@code charts/}. */
    private static final List<String> MICROCHARTS = List.of("library/osk-common", "micro/configmap",
            "micro/deployment", "micro/service");

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The chart's name, and its Deployment's and Service's: a DNS-1123 label starting with a"
                    + " letter (a-z, 0-9 and '-', at most 63 characters).")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "The folder to create NAME in, which must exist (default: the working directory).")
    Path dir;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        if (!DNS_LABEL.matcher(name).matches() || !Character.isLetter(name.charAt(0))) {
            throw new InvalidRequestException("chart name '" + name + "' is not a DNS-1123 label starting with a"
                    + " letter (a-z, 0-9 and '-', at most 63 characters, starting with a-z and ending with a-z or"
                    + " 0-9): it names the chart's Deployment and Service");
        }
        Path parent = Workspace.cwd().resolve(dir);
        if (!Files.isDirectory(parent)) {
            throw new InvalidRequestException("--dir '" + Workspace.display(parent) + "' is not a folder");
        }
        Path catalogue = Workspace.home().resolve("charts");
        List<Path> microcharts = MICROCHARTS.stream().map(catalogue::resolve).toList();
        for (Path m : microcharts) {
            if (!Files.isRegularFile(m.resolve("Chart.yaml"))) {
                throw new OskException("the catalogue's microcharts are not in " + Workspace.display(catalogue)
                        + " (no " + Workspace.display(m.resolve("Chart.yaml")) + "); osk create copies them from the"
                        + " catalogue osk ships");
            }
        }
        Path target = parent.resolve(name);
        new VendoredChart(Workspace.display()).write(target, name, starterFiles(), microcharts);
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + Workspace.display(target));
        out.flush();
        return ExitCodes.OK;
    }

    /** The starter's files with {@code @name@} replaced by the chart's name. */
    private SortedMap<String, byte[]> starterFiles() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (String f : STARTER_FILES) {
            try (InputStream in = CreateCommand.class.getResourceAsStream("starter/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("starter file " + f + " is missing from osk's jar");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@name@", name);
                files.put(f, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
