package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.doctor.Check;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    private static String print(List<Check> checks, int[] code) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        code[0] =
                DoctorCommand.report(checks, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFailedCheckExitsWithOneAndPrintsItsFix() {
        int[] code = new int[1];
        String out =
                print(
                        List.of(
                                new Check(Check.Status.OK, "java", "Java 17", ""),
                                new Check(
                                        Check.Status.FAIL,
                                        "data",
                                        "not found",
                                        "set VARSENT_DATA_DIR")),
                        code);
        assertThat(code[0]).isEqualTo(1);
        assertThat(out)
                .contains(
                        "OK   java       Java 17",
                        "FAIL data       not found",
                        "fix: set VARSENT_DATA_DIR",
                        "Some checks failed");
    }

    @Test
    void warningsAloneAreReady() {
        int[] code = new int[1];
        String out =
                print(
                        List.of(
                                new Check(
                                        Check.Status.WARN,
                                        "port",
                                        "8081 in use",
                                        "--set dashboard.port=0")),
                        code);
        assertThat(code[0]).isZero();
        assertThat(out).contains("WARN port", "Ready to run.");
    }

    @Test
    void theCommandRunsEveryCheckOnThisMachine() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new String[] {"doctor", "--set", "dashboard.port=0"});
        } finally {
            System.setOut(saved);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains(" java ", " vector-api ", " memory ", " data ", " port ", " nd4j ");
        assertThat(out).contains("OK   nd4j", "OK   vector-api", "dashboard.port=0");
        // The scale data sits beside the checkout here (ScaleDataTest needs it too), so nothing
        // fails.
        assertThat(code).as(out).isZero();
    }
}
