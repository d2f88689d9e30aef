package dev.varsent.predict;

/**
 * Which uncertainty decides relabelling: "don't trust this prediction" ({@link #TOTAL}: the
 * calibrated predictive spread, epistemic and aleatoric, with the off-domain signal folded in) or
 * "this label will teach the model most" ({@link #EPISTEMIC}: the MC spread alone, what more data
 * can reduce).
 */
public enum UncertaintySignal {
    TOTAL,
    EPISTEMIC
}
