package dev.varsent.events;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * The side outputs of the scoring job: dead letters (from parsing and from scoring) and relabel
 * requests.
 */
public final class SideOutputs {

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    public static final OutputTag<RelabelRequest> RELABEL_REQUESTS =
            new OutputTag<>("relabel-requests", TypeInformation.of(RelabelRequest.class));

    private SideOutputs() {}
}
