package dev.varsent.scoring;

import dev.varsent.registry.ModelUpdate;
import java.util.OptionalLong;

/**
 * For the tests of the swap state machine on bundles outside any registry (damaged, renamed,
 * another head): admits every announcement and orders them by their promotion time. Who may
 * announce is {@link RegistryGate}'s job, tested in {@code RegistryGateTest} and {@code
 * ForgedAnnouncementTest}.
 */
final class PromotionTimeGate implements ModelGate {

    private static final long serialVersionUID = 1L;

    @Override
    public long admit(ModelUpdate update) {
        return update.promotedAt().toEpochMilli();
    }

    @Override
    public OptionalLong sequenceOf(String version) {
        return OptionalLong.empty();
    }
}
