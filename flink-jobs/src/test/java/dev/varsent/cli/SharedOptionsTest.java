package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.varsent.data.ScaleData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The options several commands share through one mixin reach each of them. */
class SharedOptionsTest {

    @Test
    void mcPassesDefaultToTenAndTakeTheGivenK() {
        assertThat(Cli.<BenchCommand>parse("bench").passes.k).isEqualTo(10);
        assertThat(Cli.<BenchCommand>parse("bench", "--k", "3").passes.k).isEqualTo(3);
        assertThat(Cli.<EvaluateCommand>parse("evaluate", "--model", "m.bundle").passes.k)
                .isEqualTo(10);
        assertThat(
                        Cli.<EvaluateCommand>parse("evaluate", "--model", "m.bundle", "--k", "4")
                                .passes
                                .k)
                .isEqualTo(4);
        assertThat(Cli.<SelectDefaultCommand>parse("select-default", "--k", "5").passes.k)
                .isEqualTo(5);
    }

    @Test
    void scaleDataIsTheGivenDirectoryElseTrainsDefault() {
        assertThat(Cli.<SelectDefaultCommand>parse("select-default", "--data", "d").scaleData.dir())
                .isEqualTo(Path.of("d"));
        assertThat(Cli.<SelectDefaultCommand>parse("select-default").scaleData.dir())
                .isEqualTo(ScaleData.defaultDir());
        assertThat(
                        Cli.<ActiveLearningCommand>parse("active-learning", "--data", "d")
                                .scaleData
                                .dir())
                .isEqualTo(Path.of("d"));
    }
}
