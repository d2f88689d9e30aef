package dev.varsent.labels;

/**
 * What the labels job keeps of a relabel request: the review's {@code id} and {@code text}, the
 * {@code modelVersion} and {@code uncertainty} of the prediction that asked for the label (null and
 * NaN when the request did not carry them), and when it was requested (epoch millis).
 */
public record LabelRequest(
        String id, String text, String modelVersion, double uncertainty, long requestedAt) {}
