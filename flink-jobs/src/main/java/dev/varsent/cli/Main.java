package dev.varsent.cli;

import dev.varsent.active.Strategy;
import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.corpus.HeldOutReviews;
import dev.varsent.labels.GroundTruth;
import dev.varsent.local.LocalModel;
import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.Readout;
import dev.varsent.scoring.ChampionPredictorFactory;
import dev.varsent.scoring.PredictorFactory;
import dev.varsent.scoring.ScoringSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The single command-line entry point: {@code varsent <command> [options]} ({@code java -jar
 * varsent.jar}).
 */
@Command(
        name = "varsent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description =
                "Streaming, uncertainty-aware sentiment on Flink and Kafka: MC-dropout scoring, relabelling"
                        + " of doubtful reviews, retraining with hot swap.",
        footer = {
            "",
            "Run 'varsent COMMAND --help' for a command's options.",
            "Exit codes: 0 done; 1 the command failed (a refused model bundle, a failed job or check); 2 a command"
                    + " line or configuration that cannot be run (nothing was started)."
        })
public final class Main implements Callable<Integer> {

    /** Columns of the generated help. */
    static final int HELP_WIDTH = 100;

    @Spec CommandSpec spec;

    /** {@code varsent} without a command: the help, on stderr, and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The commands, in the order of {@code --help}. */
    static List<Object> commands() {
        return List.of(
                new LocalCommand(
                        Main::localModel, config -> HeldOutReviews.load(HeldOutReviews.SPLIT_SEED)),
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
                new BlendCommand(),
                new CalibrateCommand(),
                new ConfigCommand(),
                new CommandLine.HelpCommand());
    }

    /**
     * The command line with every command, converter and exit-code rule, writing to System.out/err.
     */
    static CommandLine commandLine(ExitCodes exitCodes) {
        return commandLine(exitCodes, commands());
    }

    static CommandLine commandLine(ExitCodes exitCodes, List<Object> commands) {
        CommandLine cli = new CommandLine(new Main());
        commands.forEach(cli::addSubcommand);
        // Converters and settings reach the subcommands added so far, so they come last.
        registerLowerDash(cli, CellType.class);
        registerLowerDash(cli, DropoutMode.class);
        registerLowerDash(cli, Readout.class);
        registerLowerDash(cli, Head.class);
        registerLowerDash(cli, ActiveLearningCommand.Start.class);
        registerLowerDash(cli, ActiveLearningCommand.EvaluateOn.class);
        cli.registerConverter(Strategy.class, Strategy::of);
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setUsageHelpWidth(HELP_WIDTH);
        finish(cli, new VersionProvider());
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        cli.setParameterExceptionHandler(exitCodes);
        cli.setExecutionExceptionHandler(exitCodes);
        return cli;
    }

    /**
     * Every command prints what {@code varsent --version} does, and lists its options in the order
     * they are declared (the command's own first, {@code --conf}/{@code --set} and the help options
     * last).
     */
    private static void finish(CommandLine command, VersionProvider version) {
        command.getCommandSpec().versionProvider(version);
        command.getCommandSpec().usageMessage().sortOptions(false).sortSynopsis(false);
        command.getSubcommands().values().forEach(sub -> finish(sub, version));
    }

    private static <E extends Enum<E>> void registerLowerDash(CommandLine cli, Class<E> type) {
        cli.registerConverter(type, new LowerDashEnumConverter<>(type));
    }

    /** The command names, in the order of {@code --help}. */
    public static Set<String> commandNames() {
        return commandLine(new ExitCodes()).getSubcommands().keySet();
    }

    private static PredictorFactory localModel(VarsentConfig config) {
        try {
            return new ChampionPredictorFactory(
                    config.get(VarsentOptions.REGISTRY_URI),
                    LocalModel.ensure(config, System.out).toString(),
                    ScoringSettings.from(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java -jar varsent.jar}: exits with the command's code. Inside a Flink client or
     * JobManager ({@code flink run -c dev.varsent.cli.Main}) it must not exit the JVM it shares, so
     * it behaves as {@link FlinkApplicationMain} there.
     */
    public static void main(String[] args) throws Exception {
        if (FlinkApplicationMain.loadedByFlink(Main.class)) {
            FlinkApplicationMain.main(args);
            return;
        }
        System.exit(run(args));
    }

    /**
     * Runs a command line and returns its exit code ({@link ExitCodes}); an exception that has no
     * exit code of its own (a failed job, a bug) is thrown.
     */
    static int run(String... args) throws Exception {
        return run(commands(), args);
    }

    static int run(List<Object> commands, String... args) throws Exception {
        ExitCodes exitCodes = new ExitCodes();
        int code = commandLine(exitCodes, commands).execute(args);
        exitCodes.rethrowUnexpected();
        return code;
    }
}
