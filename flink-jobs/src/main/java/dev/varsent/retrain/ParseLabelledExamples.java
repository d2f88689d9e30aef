package dev.varsent.retrain;

import dev.varsent.events.RawRecord;
import dev.varsent.flink.MetricGroups;
import dev.varsent.labels.LabelledExample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labelled-example records as training examples. The store is written by the labels job, which
 * validated every label; a record that still does not parse (another writer, a newer layout) is
 * skipped with a warning and counted, and stays in the topic for whoever can read it.
 */
final class ParseLabelledExamples extends RichFlatMapFunction<RawRecord, TrainingExample> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseLabelledExamples.class);

    public static final String SKIPPED = "labelledRecordsSkipped";

    private transient Counter skipped;

    @Override
    public void open(OpenContext context) {
        skipped =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(MetricGroups.VARSENT)
                        .counter(SKIPPED);
    }

    @Override
    public void flatMap(RawRecord record, Collector<TrainingExample> out) {
        if (record.value() == null) {
            return; // a tombstone: the id's label was deleted
        }
        try {
            LabelledExample example = LabelledExample.fromJson(record.value());
            out.collect(
                    new TrainingExample(
                            example.id(),
                            example.text(),
                            example.rating(),
                            TrainingExample.Origin.LABELLED,
                            example.labelledAt()));
        } catch (IllegalArgumentException e) {
            skipped.inc();
            LOG.warn(
                    "Skipping the labelled-example record at {}: {}",
                    record.position(),
                    e.getMessage());
        }
    }
}
