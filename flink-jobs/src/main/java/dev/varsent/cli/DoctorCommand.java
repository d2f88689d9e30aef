package dev.varsent.cli;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.data.ScaleData;
import dev.varsent.doctor.Check;
import dev.varsent.doctor.EnvironmentChecks;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code varsent doctor [--conf FILE] [--set key=value]...}: checks what a run on this machine
 * needs (Java, the Vector API module, memory, the scale data and its layout, the dashboard's port,
 * ND4J's natives) and says how to fix what is missing. Exit code 1 when a check failed, 0 otherwise
 * (warnings included).
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check this machine: Java, Vector API flag, memory, scale data, dashboard port, ND4J natives.",
            "Says how to fix what is missing; exit code 1 when a check failed (warnings alone are 0). The"
                    + " dashboard port is dashboard.port of the configuration."
        })
public final class DoctorCommand implements Callable<Integer> {

    @Mixin ConfigurationOptions configuration;

    @Override
    public Integer call() {
        VarsentConfig config = configuration.config();
        List<Check> checks =
                List.of(
                        EnvironmentChecks.javaVersion(Runtime.version()),
                        EnvironmentChecks.vectorModule(ModuleLayer.boot()),
                        EnvironmentChecks.heap(Runtime.getRuntime().maxMemory()),
                        EnvironmentChecks.scaleData(ScaleData::defaultDir),
                        EnvironmentChecks.portFree(
                                "local run dashboard",
                                VarsentOptions.DASHBOARD_PORT.key(),
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
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
