package dev.varsent.nn;

/**
 * The architecture and its regularisation: embedding -> one recurrent layer -> readout -> dense to
 * {@code outputs} columns, which the head gives a meaning ({@link Head}: 1 for the Gaussian head, 2
 * for the heteroscedastic one, the number of classes for softmax). Dropout probabilities are drop
 * (not keep) probabilities. A bundle written before readout and head existed reads as {@link
 * Readout#LAST} with the head its output count implies.
 */
public record NetConfig(
        int vocabSize,
        int embeddingSize,
        int hiddenSize,
        int outputs,
        CellType cell,
        DropoutMode dropout,
        double pEmbedding,
        double pInput,
        double pRecurrent,
        double pOutput,
        double weightDecay,
        Readout readout,
        Head head) {

    public NetConfig {
        if (readout == null) {
            readout = Readout.LAST;
        }
        if (head == null) {
            head = outputs == 1 ? Head.GAUSSIAN : Head.SOFTMAX;
        }
        positive("vocabSize", vocabSize);
        positive("embeddingSize", embeddingSize);
        positive("hiddenSize", hiddenSize);
        positive("outputs", outputs);
        if (cell == null || dropout == null) {
            throw new IllegalArgumentException("cell and dropout must be set");
        }
        probability("pEmbedding", pEmbedding);
        probability("pInput", pInput);
        probability("pRecurrent", pRecurrent);
        probability("pOutput", pOutput);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        if (head == Head.GAUSSIAN && outputs != 1
                || head == Head.HETEROSCEDASTIC && outputs != 2
                || head == Head.SOFTMAX && outputs < 2) {
            throw new IllegalArgumentException(
                    "a " + head + " head cannot have " + outputs + " outputs");
        }
        if (dropout == DropoutMode.RNNDROP && cell != CellType.LSTM) {
            throw new IllegalArgumentException(
                    "rnnDrop masks the LSTM cell state; it is not defined for " + cell);
        }
    }

    /** The paper's last-state readout, with the head the output count implies. */
    public NetConfig(
            int vocabSize,
            int embeddingSize,
            int hiddenSize,
            int outputs,
            CellType cell,
            DropoutMode dropout,
            double pEmbedding,
            double pInput,
            double pRecurrent,
            double pOutput,
            double weightDecay) {
        this(
                vocabSize,
                embeddingSize,
                hiddenSize,
                outputs,
                cell,
                dropout,
                pEmbedding,
                pInput,
                pRecurrent,
                pOutput,
                weightDecay,
                Readout.LAST,
                null);
    }

    /**
     * The paper's sentiment model (Sec. 5.2, the author's Keras example: embedding and LSTM of 128,
     * last-state readout, one output) with the regularisation of {@link #paperDropout} and {@link
     * #paperWeightDecay}.
     */
    public static NetConfig paper(int vocabSize, CellType cell, DropoutMode dropout) {
        double p = paperDropout(dropout);
        return new NetConfig(
                vocabSize, 128, 128, 1, cell, dropout, p, p, p, p, paperWeightDecay(dropout));
    }

    /**
     * The drop probability the paper's appendix gives each model (Gal and Ghahramani 2016,
     * sentiment analysis), at every site: variational 0.25; naive dropout (Zaremba et al. 2014)
     * 0.5, of which its masks use the input and output values only; no dropout 0. rnnDrop is not in
     * that comparison: the author's Keras example's 0.25.
     */
    public static double paperDropout(DropoutMode mode) {
        return switch (mode) {
            case VARIATIONAL_UNTIED, VARIATIONAL_TIED, RNNDROP -> 0.25;
            case NAIVE -> 0.5;
            case NONE -> 0;
        };
    }

    /**
     * The L2 weight decay the paper's appendix gives each model: variational 1e-3, naive dropout 0;
     * the standard LSTM (no dropout) and rnnDrop the author's Keras example's 1e-4.
     */
    public static double paperWeightDecay(DropoutMode mode) {
        return switch (mode) {
            case VARIATIONAL_UNTIED, VARIATIONAL_TIED -> 1e-3;
            case NAIVE -> 0;
            case RNNDROP, NONE -> 1e-4;
        };
    }

    public boolean regression() {
        return head.regression();
    }

    public boolean heteroscedastic() {
        return head == Head.HETEROSCEDASTIC;
    }

    /** Width of the dense layer's input. */
    public int readoutWidth() {
        return readout.width(hiddenSize);
    }

    public int gateColumns() {
        return cell.gates * hiddenSize;
    }

    /** Mask groups: one per gate when untied, else one shared by all gates. */
    public int maskGroups() {
        return dropout.untied ? cell.gates : 1;
    }

    public NetConfig withDropout(DropoutMode mode) {
        return new NetConfig(
                vocabSize,
                embeddingSize,
                hiddenSize,
                outputs,
                cell,
                mode,
                pEmbedding,
                pInput,
                pRecurrent,
                pOutput,
                weightDecay,
                readout,
                head);
    }

    public NetConfig withCell(CellType c) {
        return new NetConfig(
                vocabSize,
                embeddingSize,
                hiddenSize,
                outputs,
                c,
                dropout,
                pEmbedding,
                pInput,
                pRecurrent,
                pOutput,
                weightDecay,
                readout,
                head);
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    private static void probability(String name, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + p);
        }
    }
}
