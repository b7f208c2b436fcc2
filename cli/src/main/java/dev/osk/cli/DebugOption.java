package dev.osk.cli;

import picocli.CommandLine.Option;

/** {@code --debug}: print stack traces with errors. */
final class DebugOption {
    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;
}
