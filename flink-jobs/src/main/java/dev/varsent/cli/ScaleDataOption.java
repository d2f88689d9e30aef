package dev.varsent.cli;

import dev.varsent.data.ScaleData;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data DIR} of the commands that read the scale data as {@code train} does
 * ({@code @Mixin}).
 */
final class ScaleDataOption {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "The scale data (default: as for train).")
    Path data;

    /** The directory given, else {@link ScaleData#defaultDir()}. */
    Path dir() {
        return data != null ? data : ScaleData.defaultDir();
    }
}
