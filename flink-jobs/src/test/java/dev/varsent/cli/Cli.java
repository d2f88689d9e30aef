package dev.varsent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code varsent} in this JVM as {@code java -jar varsent.jar} would, with its stdout and
 * stderr captured.
 */
final class Cli {

    /** What a run left: its exit code and what it printed. */
    record Run(int code, String out, String err) {}

    private Cli() {}

    static Run run(String... args) throws Exception {
        return run(Main.commands(), args);
    }

    /** As {@link #run(String...)}, with {@code commands} instead of {@link Main#commands()}. */
    static Run run(List<Object> commands, String... args) throws Exception {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(commands, args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Run(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The command object {@code args} selects, with its options parsed from them and nothing run.
     */
    @SuppressWarnings("unchecked")
    static <T> T parse(String... args) {
        CommandLine.ParseResult parsed = Main.commandLine(new ExitCodes()).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return (T) parsed.commandSpec().userObject();
    }
}
