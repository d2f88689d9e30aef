package dev.varsent.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the committed records of a topic from its beginning, on its own thread ({@code
 * read_committed}, so transaction markers and aborted records do not count, unlike end offsets).
 */
public final class TopicRecordCounter implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final CommittedTopicReader reader;

    public TopicRecordCounter(String bootstrapServers, Properties clientProperties, String topic) {
        this.reader =
                new CommittedTopicReader(
                        bootstrapServers,
                        clientProperties,
                        List.of(topic),
                        CommittedTopicReader.From.BEGINNING,
                        Duration.ofMillis(500),
                        "varsent-count-" + topic,
                        records -> count.addAndGet(records.count()));
    }

    public TopicRecordCounter start() {
        reader.start();
        return this;
    }

    /** Records counted so far. */
    public long count() {
        return count.get();
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }
}
