package dev.varsent.cli;

import dev.varsent.bundle.BundleFormatException;
import dev.varsent.config.ConfigException;
import dev.varsent.registry.BundleRefusedException;
import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.data.DataNotFoundException;
import dev.varsent.labels.GroundTruth;
import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.local.LocalModel;
import dev.varsent.scoring.ChampionPredictorFactory;
import dev.varsent.scoring.ScoringSettings;
import dev.varsent.scoring.PredictorFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The single command-line entry point: {@code java -jar varsent.jar <command> [options]}. */
public final class Main {

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        List<Command> all = List.of(
                new LocalCommand(Main::localModel, config -> HeldOutReviews.load(HeldOutReviews.SPLIT_SEED)),
                new ScoreCommand(ChampionPredictorFactory::fromConfig),
                new LabelsCommand(),
                new OracleCommand(GroundTruth::load),
                new RetrainCommand(),
                new PromoteCommand(),
                new TrainCommand(),
                new EvaluateCommand(),
                new BenchCommand(),
                new ActiveLearningCommand(),
                new PaperReportCommand(),
                new BootstrapCommand(),
                new DoctorCommand(),
                new SelectDefaultCommand(),
                new CalibrateCommand(),
                new ConfigCommand());
        for (Command c : all) {
            commands.put(c.name(), c);
        }
        return commands;
    }

    /** The command names, in the order of {@code --help}. */
    public static Set<String> commandNames() {
        return commands().keySet();
    }

    private static PredictorFactory localModel(VarsentConfig config) {
        try {
            return new ChampionPredictorFactory(config.get(VarsentOptions.REGISTRY_URI),
                    LocalModel.ensure(config, System.out).toString(), ScoringSettings.from(config));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code java -jar varsent.jar}: exits with the command's code. Inside a Flink client or JobManager
     * ({@code flink run -c dev.varsent.cli.Main}) it must not exit the JVM it shares, so it behaves as
     * {@link FlinkApplicationMain} there.
     */
    public static void main(String[] args) throws Exception {
        if (FlinkApplicationMain.loadedByFlink(Main.class)) {
            FlinkApplicationMain.main(args);
            return;
        }
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printHelp(commands);
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            System.err.println("varsent: unknown command '" + args[0] + "'");
            printHelp(commands);
            return 2;
        }
        try {
            return command.run(Arrays.asList(args).subList(1, args.length));
        } catch (UsageException | IllegalArgumentException | ConfigException | DataNotFoundException e) {
            System.err.println("varsent " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (BundleFormatException | BundleRefusedException e) {
            System.err.println("varsent " + command.name() + ": refused model bundle: " + e.getMessage());
            return 1;
        }
    }

    private static void printHelp(Map<String, Command> commands) {
        System.out.println("usage: java -jar varsent.jar <command> [options]   (<command> --help for its options)");
        System.out.println();
        for (Command c : commands.values()) {
            System.out.printf("  %-16s %s%n", c.name(), c.summary());
        }
    }
}
