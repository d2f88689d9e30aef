package dev.varsent.cli;

import picocli.CommandLine.Option;

/**
 * {@code --k K}, the MC dropout passes of a command that scores with the default K
 * ({@code @Mixin}).
 */
final class McPassesOption {

    @Option(
            names = "--k",
            paramLabel = "K",
            defaultValue = "10",
            description = "MC dropout passes (default: ${DEFAULT-VALUE}).")
    int k;
}
