package dev.varsent.scoring;

import dev.varsent.registry.ModelUpdate;
import java.io.Serializable;
import java.util.OptionalLong;

/**
 * Decides, before a bundle is read, whether an announcement may change the served model, and how
 * new it is.
 */
public interface ModelGate extends Serializable {

    /**
     * The promotion sequence of the announced version, if the announcement may be served.
     *
     * @throws ModelRefusedException when it may not ({@code OUTSIDE_REGISTRY}, {@code
     *     NOT_PROMOTED}, {@code UNREADABLE})
     */
    long admit(ModelUpdate update) throws ModelRefusedException;

    /**
     * The newest promotion sequence of {@code version}; empty when it was never promoted or cannot
     * be told.
     */
    OptionalLong sequenceOf(String version);
}
