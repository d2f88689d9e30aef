package dev.varsent.registry;

import dev.varsent.bundle.Provenance;
import java.time.Instant;
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
     * A bundle was refused by {@code action} ({@code publish} or {@code promote}). {@code version} is
     * null when the bundle could not be read far enough to have one; {@code sha256} is null and
     * {@code sizeBytes} -1 when unknown.
     */
    record Refused(Instant at, String action, String source, String version, String sha256, long sizeBytes,
            BundleRefusedException.Reason reason, String message) implements HistoryEvent {
        public Refused {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
