package dev.varsent.cli;

/**
 * The entry class for Flink's application mode ({@code standalone-job --job-classname
 * dev.varsent.cli.FlinkApplicationMain score --conf ...}): runs a command like {@link Main} but never
 * calls {@code System.exit}, which inside the JobManager would stop the JobManager itself. A failing
 * command fails the application with an exception instead.
 */
public final class FlinkApplicationMain {

    private FlinkApplicationMain() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode = Main.run(args);
        if (exitCode != 0) {
            throw new IllegalStateException("varsent " + String.join(" ", args) + " ended with exit code " + exitCode);
        }
    }
}
