package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Readout;
import dev.varsent.train.TrainingOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainCommandTest {

    private static TrainingOptions options(String... args) throws UsageException {
        return TrainCommand.options(CommandLine.parse(List.of(args), TrainCommand.VALUED));
    }

    /** The arguments scripts/paper-experiment.sh passes for one model. */
    private static TrainingOptions experiment(String model, String cell, String dropout, String p, String wd)
            throws UsageException {
        return options("--out", "../varsent-runs/paper", "--name", model, "--cell", cell, "--dropout", dropout,
                "--p", p, "--weight-decay", wd, "--epochs", "100", "--mc-every", "10");
    }

    @Test
    void thePaperExperimentsArgumentsMakeTheNetworksItsCheckpointsHold() throws Exception {
        for (CellType cell : CellType.values()) {
            String c = cell.name().toLowerCase();
            // What a run started before per-site dropout, readouts and heads existed saved in its bundles.
            assertThat(experiment("variational-" + c, c, "variational-untied", "0.25", "1e-3").netConfig(20_000))
                    .isEqualTo(new NetConfig(20_000, 128, 128, 1, cell, DropoutMode.VARIATIONAL_UNTIED,
                            0.25, 0.25, 0.25, 0.25, 1e-3));
            assertThat(experiment("naive-" + c, c, "naive", "0.5", "0").netConfig(20_000))
                    .isEqualTo(new NetConfig(20_000, 128, 128, 1, cell, DropoutMode.NAIVE, 0.5, 0.5, 0.5, 0.5, 0));
            assertThat(experiment("standard-" + c, c, "none", "0", "1e-4").netConfig(20_000))
                    .isEqualTo(new NetConfig(20_000, 128, 128, 1, cell, DropoutMode.NONE, 0, 0, 0, 0, 1e-4));
        }
        TrainingOptions o = experiment("variational-lstm", "lstm", "variational-untied", "0.25", "1e-3");
        assertThat(o.name()).isEqualTo("variational-lstm");
        assertThat(o.epochs()).isEqualTo(100);
        assertThat(o.mcEvalEvery()).isEqualTo(10);
        assertThat(o.readout()).isEqualTo(Readout.LAST);
        assertThat(o.head()).isEqualTo(Head.GAUSSIAN);
    }

    @Test
    void dropoutAndWeightDecayDefaultToThePaperAppendixForTheMode() throws Exception {
        TrainingOptions variational = options();
        assertThat(List.of(variational.pEmbedding(), variational.pInput(), variational.pRecurrent(),
                variational.pOutput())).containsOnly(0.25);
        assertThat(variational.weightDecay()).isEqualTo(1e-3);
        assertThat(variational.name()).isEqualTo("variational-untied-lstm");

        TrainingOptions naive = options("--dropout", "naive");
        assertThat(naive.pInput()).isEqualTo(0.5);
        assertThat(naive.pOutput()).isEqualTo(0.5);
        assertThat(naive.weightDecay()).isEqualTo(0);
        assertThat(naive.netConfig(100)).isEqualTo(options("--dropout", "naive", "--p", "0.5").netConfig(100));

        TrainingOptions none = options("--dropout", "none");
        assertThat(none.netConfig(100).pInput()).isEqualTo(0);
        assertThat(none.weightDecay()).isEqualTo(1e-4);
    }

    @Test
    void eachDropoutSiteHasItsFlagAndPSetsAllFour() throws Exception {
        NetConfig net = options("--p", "0.3", "--p-recurrent", "0.1", "--p-embedding", "0.05").netConfig(100);
        assertThat(net.pEmbedding()).isEqualTo(0.05);
        assertThat(net.pInput()).isEqualTo(0.3);
        assertThat(net.pRecurrent()).isEqualTo(0.1);
        assertThat(net.pOutput()).isEqualTo(0.3);
        assertThat(options("--p-input", "0.2", "--p-output", "0.4").netConfig(100).pOutput()).isEqualTo(0.4);
        assertThat(options("--weight-decay", "3e-4").weightDecay()).isEqualTo(3e-4);
    }

    @Test
    void readoutAndHeadChooseTheNetworkAndNameTheRun() throws Exception {
        TrainingOptions o = options("--readout", "mean-max", "--head", "heteroscedastic", "--cell", "gru");
        NetConfig net = o.netConfig(100);
        assertThat(net.readout()).isEqualTo(Readout.MEAN_MAX);
        assertThat(net.head()).isEqualTo(Head.HETEROSCEDASTIC);
        assertThat(net.outputs()).isEqualTo(2);
        assertThat(o.name()).isEqualTo("variational-untied-gru-mean-max-heteroscedastic");
        assertThat(options("--readout", "mean").name()).isEqualTo("variational-untied-lstm-mean");
        assertThat(options("--readout", "MEAN_MAX").readout()).isEqualTo(Readout.MEAN_MAX);
    }

    @Test
    void badChoicesAreRefusedWithTheAllowedValues() {
        assertThatThrownBy(() -> options("--readout", "median")).isInstanceOf(UsageException.class)
                .hasMessage("--readout takes last|mean|mean-max, got 'median'");
        assertThatThrownBy(() -> options("--dropout", "gaussian")).isInstanceOf(UsageException.class)
                .hasMessageContaining("variational-untied|variational-tied|naive|rnndrop|none");
        assertThatThrownBy(() -> options("--head", "softmax")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gaussian or heteroscedastic");
        assertThatThrownBy(() -> options("--p-recurrent", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)");
    }

    @Test
    void theUsageTextListsEveryOption() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(new TrainCommand().run(List.of("--help"))).isEqualTo(0);
        } finally {
            System.setOut(saved);
        }
        String usage = buf.toString(StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (String option : TrainCommand.VALUED) {
            if (!usage.contains("[" + option + " ")) {
                missing.add(option);
            }
        }
        assertThat(missing).isEmpty();
        assertThat(usage).contains("--readout last|mean|mean-max", "--head gaussian|heteroscedastic");
    }
}
