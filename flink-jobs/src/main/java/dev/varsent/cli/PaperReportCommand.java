package dev.varsent.cli;

import dev.varsent.train.PaperReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code paper-report}: the comparison table, curves and JSON from the paper experiment's run
 * directories.
 */
@Command(
        name = "paper-report",
        mixinStandardHelpOptions = true,
        description =
                "Collect the paper experiment's runs into docs/results (table, curves, paper-sentiment.json).")
public final class PaperReportCommand implements Callable<Integer> {

    @Option(
            names = "--runs",
            paramLabel = "DIR",
            required = true,
            description = "The experiment's run directory (one sub-directory per model).")
    Path runs;

    @Option(
            names = "--models",
            paramLabel = "NAME",
            split = ",",
            defaultValue = "variational-lstm,naive-lstm,standard-lstm",
            description = "The runs to compare, in the table's order (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "docs/results",
            description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--command",
            paramLabel = "TEXT",
            defaultValue = "scripts/paper-experiment.sh",
            description =
                    "The command that made the runs, as the report quotes it (default: ${DEFAULT-VALUE}).")
    String command;

    @Override
    public Integer call() throws Exception {
        PaperReport.write(runs, models, out, command);
        System.out.println("report -> " + out.resolve("paper-sentiment-table.md"));
        return ExitCodes.OK;
    }
}
