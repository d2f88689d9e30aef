package dev.varsent.cli;

import org.apache.flink.util.FlinkUserCodeClassLoader;

/**
 * The entry class of {@code flink run varsent-job.jar <command> ...} (the jars' {@code
 * program-class}) and of Flink's application mode ({@code standalone-job --job-classname
 * dev.varsent.cli.FlinkApplicationMain score --conf ...}): runs a command like {@link Main} but
 * never calls {@code System.exit}, which inside the JobManager would stop the JobManager itself. A
 * failing command fails the application with an exception instead.
 */
public final class FlinkApplicationMain {

    private FlinkApplicationMain() {}

    public static void main(String[] args) throws Exception {
        int exitCode = Main.run(args);
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "varsent " + String.join(" ", args) + " ended with exit code " + exitCode);
        }
    }

    /**
     * Whether {@code type} was loaded from a job jar by Flink (the client of {@code flink run} and
     * the JobManager of application mode load the jar with Flink's user-code classloader), rather
     * than from the class path of {@code java -jar}.
     */
    static boolean loadedByFlink(Class<?> type) {
        return type.getClassLoader() instanceof FlinkUserCodeClassLoader;
    }
}
