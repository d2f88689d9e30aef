package dev.varsent.cli;

import dev.varsent.train.PaperReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code paper-report}: the comparison table, curves and JSON from the paper experiment's run directories. */
public final class PaperReportCommand implements Command {
    @Override
    public String name() {
        return "paper-report";
    }

    @Override
    public String summary() {
        return "collect the paper experiment's runs into docs/results (table, curves, paper-sentiment.json)";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        CommandLine a = CommandLine.parse(argv, Set.of("--runs", "--models", "--out", "--command"));
        if (a.help()) {
            System.out.println("usage: paper-report --runs DIR [--models a,b,c] [--out docs/results] [--command TEXT]");
            return 0;
        }
        String runs = a.value("--runs", null);
        if (runs == null) {
            throw new UsageException("--runs DIR is required");
        }
        List<String> models = Arrays.asList(a.value("--models", "variational-lstm,naive-lstm,standard-lstm").split(","));
        Path out = Path.of(a.value("--out", "docs/results"));
        PaperReport.write(Path.of(runs), models, out, a.value("--command", "scripts/paper-experiment.sh"));
        System.out.println("report -> " + out.resolve("paper-sentiment-table.md"));
        return 0;
    }
}
