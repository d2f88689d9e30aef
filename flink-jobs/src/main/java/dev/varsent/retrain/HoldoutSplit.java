package dev.varsent.retrain;

import dev.varsent.bundle.Provenance;
import java.nio.charset.StandardCharsets;

/**
 * Train or holdout by a hash of the review id: an example stays on its side in every retrain,
 * whatever else is in the data, so a model trained by one retrain never saw the holdout of the
 * next.
 */
public final class HoldoutSplit {
    private HoldoutSplit() {}

    /**
     * True for about {@code percent} % of ids. SHA-256, so the split does not depend on the JVM or
     * on id patterns.
     */
    public static boolean isHoldout(String id, int percent) {
        byte[] digest = Provenance.newSha256().digest(id.getBytes(StandardCharsets.UTF_8));
        long bucket =
                ((digest[0] & 0xffL) << 24
                                | (digest[1] & 0xffL) << 16
                                | (digest[2] & 0xffL) << 8
                                | (digest[3] & 0xffL))
                        % 100;
        return bucket < percent;
    }
}
