package dev.varsent.registry;

import dev.varsent.bundle.Provenance;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One line of the registry's {@code history.jsonl}. */
public sealed interface HistoryEvent {

    Instant at();

    /** A bundle was copied, verified and renamed into {@code versions/}. */
    record Published(BundleInfo bundle) implements HistoryEvent {
        public Published {
            Objects.requireNonNull(bundle, "bundle");
        }

        @Override
        public Instant at() {
            return bundle.publishedAt();
        }
    }

    /** {@code CHAMPION} was switched to a version; {@code provenance} is that bundle's. */
    record Promoted(Champion champion, Provenance provenance) implements HistoryEvent {
        public Promoted {
            Objects.requireNonNull(champion, "champion");
            Objects.requireNonNull(provenance, "provenance");
        }

        @Override
        public Instant at() {
            return champion.promotedAt();
        }
    }

    /**
     * A bundle was refused by {@code action} ({@code publish} or {@code promote}). {@code version}
     * is null when the bundle could not be read far enough to have one; {@code sha256} is null and
     * {@code sizeBytes} -1 when unknown.
     */
    record Refused(
            Instant at,
            String action,
            String source,
            String version,
            String sha256,
            long sizeBytes,
            BundleRefusedException.Reason reason,
            String message)
            implements HistoryEvent {
        public Refused {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A retrain compared a challenger with the champion on a holdout and decided; recorded whether
     * or not the challenger was promoted. {@code championVersion} is null when there was no
     * champion; {@code scores} hold the holdout RMSEs, {@code counts} the data (train, holdout,
     * labelled, base).
     */
    record Retrained(
            Instant at,
            String challengerVersion,
            String championVersion,
            boolean promoted,
            String reason,
            Map<String, Double> scores,
            Map<String, Long> counts)
            implements HistoryEvent {
        public Retrained {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(challengerVersion, "challengerVersion");
            Objects.requireNonNull(reason, "reason");
            scores =
                    Collections.unmodifiableMap(
                            new LinkedHashMap<>(Objects.requireNonNull(scores, "scores")));
            counts =
                    Collections.unmodifiableMap(
                            new LinkedHashMap<>(Objects.requireNonNull(counts, "counts")));
        }
    }
}
