package dev.varsent.registry;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's {@code history.jsonl}: one JSON line per event, "appended" by rewriting the whole
 * file through staging, since object stores cannot append; it stays small (a line per event).
 */
final class RegistryHistory {

    private final RegistryFiles files;

    RegistryHistory(RegistryFiles files) {
        this.files = files;
    }

    /** Every event recorded so far, oldest first. */
    List<HistoryEvent> events() throws IOException {
        List<HistoryEvent> events = new ArrayList<>();
        String content;
        try (InputStream in = files.fs().open(files.historyFile())) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return events;
        }
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                events.add(RegistryJson.parseHistoryLine(lines[i], this::bundleUri));
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        files.historyFile() + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return events;
    }

    /**
     * Every promotion, oldest first, each with its promotion sequence (lines written before the
     * sequence existed are numbered by their position: the n-th promotion has sequence n).
     */
    List<Champion> promotions() throws IOException {
        List<Champion> promotions = new ArrayList<>();
        for (HistoryEvent event : events()) {
            if (event instanceof HistoryEvent.Promoted promoted) {
                Champion c = promoted.champion();
                long sequence = c.sequence() > 0 ? c.sequence() : promotions.size() + 1;
                promotions.add(
                        c.sequence() == sequence
                                ? c
                                : new Champion(
                                        c.version(),
                                        c.bundleUri(),
                                        c.sha256(),
                                        c.sizeBytes(),
                                        c.promotedAt(),
                                        c.previousVersion(),
                                        c.scores(),
                                        c.reason(),
                                        sequence));
            }
        }
        return promotions;
    }

    /** The sequence number the next promotion gets. */
    long nextSequence() throws IOException {
        List<Champion> promotions = promotions();
        return promotions.isEmpty() ? 1 : promotions.get(promotions.size() - 1).sequence() + 1;
    }

    /** Every version with a {@code published} line, by version, oldest first. */
    Map<String, BundleInfo> publishedVersions() throws IOException {
        Map<String, BundleInfo> published = new LinkedHashMap<>();
        for (HistoryEvent event : events()) {
            if (event instanceof HistoryEvent.Published p) {
                published.putIfAbsent(p.bundle().version(), p.bundle());
            }
        }
        return published;
    }

    void append(HistoryEvent event) throws IOException {
        files.staged().replace(files.historyFile(), with(event));
    }

    /** Records a refusal; failing to record it must not hide the refusal itself. */
    void appendRefusal(HistoryEvent.Refused event, BundleRefusedException refused) {
        try {
            append(event);
        } catch (IOException | RuntimeException e) {
            refused.addSuppressed(e);
        }
    }

    /** The history's bytes with {@code events} appended. */
    byte[] with(HistoryEvent... events) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try (InputStream in = files.fs().open(files.historyFile())) {
            in.transferTo(content);
        } catch (FileNotFoundException e) {
            // The first event creates the history.
        }
        if (content.size() > 0 && content.toByteArray()[content.size() - 1] != '\n') {
            content.write('\n');
        }
        for (HistoryEvent event : events) {
            content.write(
                    (RegistryJson.historyLine(event) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return content.toByteArray();
    }

    private URI bundleUri(String version) {
        return files.bundlePath(version).toUri();
    }
}
