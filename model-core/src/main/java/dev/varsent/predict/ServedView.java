package dev.varsent.predict;

/**
 * What the product serves for each review of one scoring call, given the network's calibrated MC
 * prediction of it: the prediction itself for the network alone ({@link #NETWORK}), the blend with
 * the bag-of-words ridge and its calibration for a wide-and-deep model. Adaptive sampling judges a
 * review's routing decision on the served prediction, since that is what the router reads.
 */
@FunctionalInterface
public interface ServedView {
    ServedView NETWORK = (review, network) -> network;

    /** The served prediction of the call's review {@code review} (its index in the call). */
    Prediction serve(int review, Prediction network);
}
