package dev.varsent.model;

import dev.varsent.predict.Prediction;

/**
 * A review scored adaptively and, from the same samples continued to K, with all K: what adaptive
 * sampling decided against what full-K sampling of the very same draws decides (see {@link
 * McPredictor#predictPaired}).
 *
 * @param adaptive the prediction at the round the review settled (the K-sample one when it never
 *     did)
 * @param fullK the prediction from all K samples
 */
public record PairedPrediction(Prediction adaptive, Prediction fullK) {}
