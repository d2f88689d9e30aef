package dev.varsent.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jLstmPeerTest {

    private static final Dl4jLstmPeer.Shape TINY = new Dl4jLstmPeer.Shape(4, 5, 50, 8, 8);

    @Test
    void outputIsOneScorePerReview() {
        Dl4jLstmPeer peer = new Dl4jLstmPeer(TINY, 7L);
        INDArray x = peer.randomFeatures();
        assertArrayEquals(new long[] {4, 5}, x.shape());
        assertArrayEquals(new long[] {4, 1}, peer.inferenceOutput(x).shape());
        assertArrayEquals(new long[] {4, 1}, peer.stochasticOutput(x).shape());
        assertEquals(DataType.FLOAT, peer.inferenceOutput(x).dataType());
    }

    @Test
    void tokenIdsStayInsideTheVocabulary() {
        Dl4jLstmPeer peer = new Dl4jLstmPeer(TINY, 7L);
        INDArray x = peer.randomFeatures();
        assertTrue(x.minNumber().intValue() >= Dl4jLstmPeer.FIRST_TOKEN_ID);
        assertTrue(x.maxNumber().intValue() < TINY.vocab());
    }

    @Test
    void layersAndParameterCountMatchTheShape() {
        Dl4jLstmPeer peer = new Dl4jLstmPeer(TINY, 7L);
        MultiLayerConfiguration conf = peer.network().getLayerWiseConfigurations();
        assertInstanceOf(EmbeddingSequenceLayer.class, conf.getConf(0).getLayer());
        assertInstanceOf(LastTimeStep.class, conf.getConf(1).getLayer());
        assertInstanceOf(OutputLayer.class, conf.getConf(2).getLayer());
        int v = TINY.vocab(), e = TINY.embedding(), h = TINY.hidden();
        long expected = (long) v * e + 4L * h * (e + h + 1) + h + 1;
        assertEquals(expected, peer.network().numParams());
    }

    @Test
    void dropoutIsOnTheLstmInputOnlyAndDropsAQuarter() {
        MultiLayerConfiguration conf =
                new Dl4jLstmPeer(TINY, 7L).network().getLayerWiseConfigurations();
        assertEquals(null, conf.getConf(0).getLayer().getIDropout());
        assertEquals(null, conf.getConf(2).getLayer().getIDropout());
        LSTM lstm = (LSTM) ((LastTimeStep) conf.getConf(1).getLayer()).getUnderlying();
        IDropout dropout = lstm.getIDropout();
        assertInstanceOf(Dropout.class, dropout);

        INDArray ones = Nd4j.ones(DataType.FLOAT, 200_000);
        INDArray out =
                dropout.applyDropout(ones, ones.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        double dropped = out.eq(0.0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(Dl4jLstmPeer.INPUT_DROP_PROBABILITY, dropped, 0.01);
        double kept = out.maxNumber().doubleValue();
        assertEquals(1.0 / (1.0 - Dl4jLstmPeer.INPUT_DROP_PROBABILITY), kept, 1e-5);
    }

    @Test
    void stochasticPassesDifferWhileInferencePassesAgree() {
        Dl4jLstmPeer peer = new Dl4jLstmPeer(TINY, 7L);
        INDArray x = peer.randomFeatures();
        assertEquals(peer.inferenceOutput(x), peer.inferenceOutput(x));
        assertNotEquals(peer.stochasticOutput(x), peer.stochasticOutput(x));
    }

    @Test
    void mcScoreGivesAMeanAndAPositiveSpreadPerReview() {
        Dl4jLstmPeer peer = new Dl4jLstmPeer(TINY, 7L);
        INDArray scores = peer.mcScore(peer.randomFeatures(), 8);
        assertArrayEquals(new long[] {4, 2}, scores.shape());
        assertTrue(scores.getColumn(1).minNumber().doubleValue() > 0.0);
    }

    @Test
    void oneFitChangesTheParameters() {
        Dl4jLstmPeer peer = new Dl4jLstmPeer(TINY, 7L);
        INDArray before = peer.network().params().dup();
        peer.network().fit(new DataSet(peer.randomFeatures(), peer.randomLabels()));
        assertNotEquals(before, peer.network().params());
    }

    @Test
    void measuringMethodsReturnPositiveFiniteRates() {
        Dl4jLstmPeer peer = new Dl4jLstmPeer(TINY, 7L);
        double reviews = peer.mcInferenceReviewsPerSecond(3, 1, 2);
        double sequences = peer.trainSequencesPerSecond(1, 2);
        assertTrue(Double.isFinite(reviews) && reviews > 0, "reviews/s " + reviews);
        assertTrue(Double.isFinite(sequences) && sequences > 0, "seq/s " + sequences);
    }
}
