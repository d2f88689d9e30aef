package dev.varsent.scoring;

import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelUpdate;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * A bundle as an announcement or the registry describes it: the version it holds, where it is, its
 * bytes' SHA-256 and size.
 */
public record ExpectedBundle(String version, URI uri, String sha256, long sizeBytes)
        implements Serializable {

    public ExpectedBundle {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static ExpectedBundle of(ModelUpdate update) {
        return new ExpectedBundle(
                update.version(), update.bundleUri(), update.sha256(), update.sizeBytes());
    }

    public static ExpectedBundle of(Champion champion) {
        return new ExpectedBundle(
                champion.version(), champion.bundleUri(), champion.sha256(), champion.sizeBytes());
    }
}
