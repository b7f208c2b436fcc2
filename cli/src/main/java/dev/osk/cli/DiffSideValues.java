package dev.osk.cli;

import dev.osk.render.values.ValueSource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code osk diff}'s values layers for one side only: {@code --old-values}, {@code --old-set}, ... and the same
 * with {@code --new-}, each kept in command-line order.
 */
final class DiffSideValues {
    final List<ValueSource> old = new ArrayList<>();
    final List<ValueSource> neu = new ArrayList<>();

    @Option(names = "--old-values", order = 101, paramLabel = "FILE", description = "Values file for the OLD chart only (repeatable).")
    void oldFile(String f) {
        old.add(new ValueSource(ValueSource.Kind.FILE, f));
    }

    @Option(names = "--new-values", order = 106, paramLabel = "FILE", description = "Values file for the NEW chart only (repeatable).")
    void newFile(String f) {
        neu.add(new ValueSource(ValueSource.Kind.FILE, f));
    }

    @Option(names = "--old-set", order = 102, paramLabel = "PATH=VALUE", description = "--set for the OLD chart only.")
    void oldSet(String s) {
        old.add(new ValueSource(ValueSource.Kind.SET, s));
    }

    @Option(names = "--new-set", order = 107, paramLabel = "PATH=VALUE", description = "--set for the NEW chart only.")
    void newSet(String s) {
        neu.add(new ValueSource(ValueSource.Kind.SET, s));
    }

    @Option(names = "--old-set-string", order = 103, paramLabel = "PATH=VALUE", description = "--set-string for the OLD chart only.")
    void oldSetString(String s) {
        old.add(new ValueSource(ValueSource.Kind.SET_STRING, s));
    }

    @Option(names = "--new-set-string", order = 108, paramLabel = "PATH=VALUE", description = "--set-string for the NEW chart only.")
    void newSetString(String s) {
        neu.add(new ValueSource(ValueSource.Kind.SET_STRING, s));
    }

    @Option(names = "--old-set-json", order = 104, paramLabel = "PATH=JSON", description = "--set-json for the OLD chart only.")
    void oldSetJson(String s) {
        old.add(new ValueSource(ValueSource.Kind.SET_JSON, s));
    }

    @Option(names = "--new-set-json", order = 109, paramLabel = "PATH=JSON", description = "--set-json for the NEW chart only.")
    void newSetJson(String s) {
        neu.add(new ValueSource(ValueSource.Kind.SET_JSON, s));
    }

    @Option(names = "--old-set-file", order = 105, paramLabel = "PATH=FILE", description = "--set-file for the OLD chart only.")
    void oldSetFile(String s) {
        old.add(new ValueSource(ValueSource.Kind.SET_FILE, s));
    }

    @Option(names = "--new-set-file", order = 110, paramLabel = "PATH=FILE", description = "--set-file for the NEW chart only.")
    void newSetFile(String s) {
        neu.add(new ValueSource(ValueSource.Kind.SET_FILE, s));
    }
}
