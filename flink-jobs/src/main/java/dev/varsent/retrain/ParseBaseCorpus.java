package dev.varsent.retrain;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Base corpus lines as training examples. The base corpus is curated by whoever runs the retrain,
 * so a bad line fails the job with the line's problem rather than silently training on less.
 */
final class ParseBaseCorpus implements FlatMapFunction<String, TrainingExample> {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_CHARS = 120;

    @Override
    public void flatMap(String line, Collector<TrainingExample> out) {
        if (line.isBlank()) {
            return;
        }
        String shown = line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) + "..." : line;
        out.collect(BaseCorpus.parseLine(line, "base corpus line '" + shown + "'"));
    }
}
