package dev.varsent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.varsent.nn.CellType;
import dev.varsent.nn.DropoutMode;
import dev.varsent.nn.Head;
import dev.varsent.nn.NetConfig;
import dev.varsent.nn.Readout;
import dev.varsent.train.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

class TrainCommandTest {

    private static TrainingOptions options(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "train";
        System.arraycopy(args, 0, line, 1, args.length);
        return Cli.<TrainCommand>parse(line).options();
    }

    /** The arguments scripts/paper-experiment.sh passes for one model. */
    private static TrainingOptions experiment(
            String model, String cell, String dropout, String p, String wd) {
        return options(
                "--out",
                "../varsent-runs/paper",
                "--name",
                model,
                "--cell",
                cell,
                "--dropout",
                dropout,
                "--p",
                p,
                "--weight-decay",
                wd,
                "--epochs",
                "100",
                "--mc-every",
                "10");
    }

    @Test
    void thePaperExperimentsArgumentsMakeTheNetworksItsCheckpointsHold() throws Exception {
        for (CellType cell : CellType.values()) {
            String c = cell.name().toLowerCase();
            // What a run started before per-site dropout, readouts and heads existed saved in its
            // bundles.
            assertThat(
                            experiment("variational-" + c, c, "variational-untied", "0.25", "1e-3")
                                    .netConfig(20_000))
                    .isEqualTo(
                            new NetConfig(
                                    20_000,
                                    128,
                                    128,
                                    1,
                                    cell,
                                    DropoutMode.VARIATIONAL_UNTIED,
                                    0.25,
                                    0.25,
                                    0.25,
                                    0.25,
                                    1e-3));
            assertThat(experiment("naive-" + c, c, "naive", "0.5", "0").netConfig(20_000))
                    .isEqualTo(
                            new NetConfig(
                                    20_000,
                                    128,
                                    128,
                                    1,
                                    cell,
                                    DropoutMode.NAIVE,
                                    0.5,
                                    0.5,
                                    0.5,
                                    0.5,
                                    0));
            assertThat(experiment("standard-" + c, c, "none", "0", "1e-4").netConfig(20_000))
                    .isEqualTo(
                            new NetConfig(
                                    20_000, 128, 128, 1, cell, DropoutMode.NONE, 0, 0, 0, 0, 1e-4));
        }
        TrainingOptions o =
                experiment("variational-lstm", "lstm", "variational-untied", "0.25", "1e-3");
        assertThat(o.name()).isEqualTo("variational-lstm");
        assertThat(o.epochs()).isEqualTo(100);
        assertThat(o.mcEvalEvery()).isEqualTo(10);
        assertThat(o.readout()).isEqualTo(Readout.LAST);
        assertThat(o.head()).isEqualTo(Head.GAUSSIAN);
    }

    @Test
    void dropoutAndWeightDecayDefaultToThePaperAppendixForTheMode() throws Exception {
        TrainingOptions variational = options();
        assertThat(
                        List.of(
                                variational.pEmbedding(),
                                variational.pInput(),
                                variational.pRecurrent(),
                                variational.pOutput()))
                .containsOnly(0.25);
        assertThat(variational.weightDecay()).isEqualTo(1e-3);
        assertThat(variational.name()).isEqualTo("variational-untied-lstm");

        TrainingOptions naive = options("--dropout", "naive");
        assertThat(naive.pInput()).isEqualTo(0.5);
        assertThat(naive.pOutput()).isEqualTo(0.5);
        assertThat(naive.weightDecay()).isEqualTo(0);
        assertThat(naive.netConfig(100))
                .isEqualTo(options("--dropout", "naive", "--p", "0.5").netConfig(100));

        TrainingOptions none = options("--dropout", "none");
        assertThat(none.netConfig(100).pInput()).isEqualTo(0);
        assertThat(none.weightDecay()).isEqualTo(1e-4);
    }

    @Test
    void eachDropoutSiteHasItsFlagAndPSetsAllFour() throws Exception {
        NetConfig net =
                options("--p", "0.3", "--p-recurrent", "0.1", "--p-embedding", "0.05")
                        .netConfig(100);
        assertThat(net.pEmbedding()).isEqualTo(0.05);
        assertThat(net.pInput()).isEqualTo(0.3);
        assertThat(net.pRecurrent()).isEqualTo(0.1);
        assertThat(net.pOutput()).isEqualTo(0.3);
        assertThat(options("--p-input", "0.2", "--p-output", "0.4").netConfig(100).pOutput())
                .isEqualTo(0.4);
        assertThat(options("--weight-decay", "3e-4").weightDecay()).isEqualTo(3e-4);
    }

    @Test
    void readoutAndHeadChooseTheNetworkAndNameTheRun() throws Exception {
        TrainingOptions o =
                options("--readout", "mean-max", "--head", "heteroscedastic", "--cell", "gru");
        NetConfig net = o.netConfig(100);
        assertThat(net.readout()).isEqualTo(Readout.MEAN_MAX);
        assertThat(net.head()).isEqualTo(Head.HETEROSCEDASTIC);
        assertThat(net.outputs()).isEqualTo(2);
        assertThat(o.name()).isEqualTo("variational-untied-gru-mean-max-heteroscedastic");
        assertThat(options("--readout", "mean").name()).isEqualTo("variational-untied-lstm-mean");
        assertThat(options("--readout", "MEAN_MAX").readout()).isEqualTo(Readout.MEAN_MAX);
    }

    @Test
    void badChoicesAreRefusedWithTheAllowedValues() throws Exception {
        Cli.Run run = Cli.run("train", "--readout", "median");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(
                        "varsent train: Invalid value for option '--readout': expected"
                                + " last|mean|mean-max, got 'median'");
        assertThat(Cli.run("train", "--dropout", "gaussian").err())
                .contains("variational-untied|variational-tied|naive|rnndrop|none");
        assertThatThrownBy(() -> options("--head", "softmax"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gaussian or heteroscedastic");
        assertThatThrownBy(() -> options("--p-recurrent", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)");
        run = Cli.run("train", "--calibration", "1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("varsent train: --calibration must lie in [0, 1), got 1.0");
    }

    @Test
    void theHelpDescribesEveryOptionWithItsChoices() throws Exception {
        Cli.Run run = Cli.run("train", "--help");
        assertThat(run.code()).isZero();
        List<String> missing = new ArrayList<>();
        for (OptionSpec option :
                Main.commandLine(new ExitCodes())
                        .getSubcommands()
                        .get("train")
                        .getCommandSpec()
                        .options()) {
            if (!run.out().contains(option.longestName())) {
                missing.add(option.longestName());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(run.out())
                .contains("--readout=READOUT", "mean-max", "--head=HEAD", "heteroscedastic");
    }
}
