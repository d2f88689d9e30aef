package dev.varsent.bench;

/**
 * Where one review's produce-to-visible latency went, in milliseconds, from the timestamps its
 * output carries: {@code event_time} (sent), the scorer's {@code ScoringTimes} headers (received,
 * batch start), {@code processing_time} (batch end), the output record's Kafka timestamp (written
 * by the sink) and the bench's poll that returned it (visible). The parts add up to {@code total}.
 *
 * @param toScorer sent to received: waiting in Kafka for the source's fetch, parsing, the network
 *     exchange between the parser and the scorer, and any queue before the scorer's input
 * @param inBuffer received to batch start: waiting for the micro-batch to fill or time out
 * @param scoring batch start to batch end: MC scoring of the whole batch the review was in
 * @param toSink batch end to written: routing and the sink's producer
 * @param toVisible written to visible: with exactly-once the wait for the checkpoint and its
 *     commit, then the bench's poll; with at-least-once the producer's send and the bench's poll
 * @param batchSize reviews in the batch the review was scored in
 * @param visibleAt when the output became visible (epoch millis), to place it against checkpoints
 */
record LatencyTrace(
        long total,
        long toScorer,
        long inBuffer,
        long scoring,
        long toSink,
        long toVisible,
        int batchSize,
        long visibleAt) {

    static LatencyTrace of(
            long sent,
            long received,
            long batchStart,
            long scored,
            long written,
            long visible,
            int batchSize) {
        return new LatencyTrace(
                visible - sent,
                received - sent,
                batchStart - received,
                scored - batchStart,
                written - scored,
                visible - written,
                batchSize,
                visible);
    }
}
