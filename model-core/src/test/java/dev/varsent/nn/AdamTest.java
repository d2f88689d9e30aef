package dev.varsent.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused Adam step with weight decay does what the weight decay and the ND4J Adam step do one
 * after the other.
 */
class AdamTest {

    @ParameterizedTest(name = "{0} decay={1} clip={2}")
    @CsvSource({"LSTM, 1e-3, 0.5", "GRU, 1e-3, 0", "LSTM, 0, 100", "GRU, 0.01, 0.05"})
    void fusedUpdateMatchesDecayThenUpdate(CellType cell, double decay, double clip) {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            NetConfig c =
                    new NetConfig(
                            40,
                            6,
                            5,
                            1,
                            cell,
                            DropoutMode.VARIATIONAL_UNTIED,
                            0.25,
                            0.25,
                            0.25,
                            0.25,
                            decay);
            Params reference = Params.init(c, dt, 3), fused = reference.dup();
            Adam a = new Adam(1e-2, clip), b = new Adam(1e-2, clip);
            // Gradients of one sign per parameter, from a fixed seed: random signs could cancel
            // over
            // the five steps and leave a parameter where it started, whatever Adam does.
            Nd4j.getRandom().setSeed(11);
            for (int step = 0; step < 5; step++) {
                Params g = reference.zerosLike();
                for (INDArray x : g.asMap().values()) {
                    x.assign(Nd4j.rand(dt, x.shape()).addi(0.5).muli(step + 1));
                }
                Params g2 = g.dup();
                Losses.addWeightDecay(reference, g, decay);
                double normA = a.update(reference, g);
                double normB = b.update(fused, g2, decay);
                assertEquals(normA, normB, 1e-5 * normA, "gradient norm");
            }
            assertEquals(a.steps(), b.steps());
            for (String name : reference.asMap().keySet()) {
                INDArray x = reference.get(name), y = fused.get(name);
                double diff = x.sub(y).amaxNumber().doubleValue();
                assertTrue(diff < 1e-5, dt + " " + name + " differs by " + diff);
                assertTrue(
                        x.sub(Params.init(c, dt, 3).get(name)).amaxNumber().doubleValue() > 1e-3,
                        name + " was updated");
            }
            a.state()
                    .forEach(
                            (k, m) ->
                                    assertTrue(
                                            m.sub(b.state().get(k)).amaxNumber().doubleValue()
                                                    < 1e-5,
                                            k));
        }
    }
}
