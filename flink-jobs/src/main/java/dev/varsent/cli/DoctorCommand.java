package dev.varsent.cli;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.data.ScaleData;
import dev.varsent.doctor.Check;
import dev.varsent.doctor.EnvironmentChecks;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code varsent doctor [--conf FILE] [--set key=value]...}: checks what a run on this machine needs (Java,
 * the Vector API module, memory, the scale data and its layout, the dashboard's port, ND4J's natives) and
 * says how to fix what is missing. Exit code 1 when a check failed, 0 otherwise (warnings included).
 */
public final class DoctorCommand implements Command {

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "check this machine: Java, Vector API flag, memory, scale data, dashboard port, ND4J natives";
    }

    @Override
    public int run(List<String> args) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of());
        if (line.help()) {
            System.out.println("usage: varsent doctor [--conf FILE] [--set key=value]...   (dashboard.port is read from the configuration)");
            return 0;
        }
        VarsentConfig config = line.config(null);
        List<Check> checks = List.of(
                EnvironmentChecks.javaVersion(Runtime.version()),
                EnvironmentChecks.vectorModule(ModuleLayer.boot()),
                EnvironmentChecks.heap(Runtime.getRuntime().maxMemory()),
                EnvironmentChecks.scaleData(ScaleData::defaultDir),
                EnvironmentChecks.portFree("local run dashboard", VarsentOptions.DASHBOARD_PORT.key(),
                        config.get(VarsentOptions.DASHBOARD_PORT)),
                EnvironmentChecks.nd4jNatives());
        return report(checks, System.out);
    }

    static int report(List<Check> checks, PrintStream out) {
        boolean failed = false;
        for (Check c : checks) {
            out.printf("%-4s %-10s %s%n", c.status(), c.name(), c.detail());
            if (!c.hint().isEmpty()) {
                out.printf("%-15s fix: %s%n", "", c.hint());
            }
            failed |= c.status() == Check.Status.FAIL;
        }
        out.println(failed ? "Some checks failed: fix them before a run." : "Ready to run.");
        return failed ? 1 : 0;
    }
}
