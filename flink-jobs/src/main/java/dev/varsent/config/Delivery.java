package dev.varsent.config;

import org.apache.flink.connector.base.DeliveryGuarantee;

/** The delivery guarantee of the job's Kafka sinks. */
public enum Delivery {
    EXACTLY_ONCE(DeliveryGuarantee.EXACTLY_ONCE),
    AT_LEAST_ONCE(DeliveryGuarantee.AT_LEAST_ONCE);

    private final DeliveryGuarantee flink;

    Delivery(DeliveryGuarantee flink) {
        this.flink = flink;
    }

    public DeliveryGuarantee toFlink() {
        return flink;
    }
}
