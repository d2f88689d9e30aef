package dev.varsent.scoring;

import dev.varsent.config.VarsentConfig;
import dev.varsent.config.VarsentOptions;
import dev.varsent.registry.Champion;
import dev.varsent.registry.ModelRegistry;
import dev.varsent.registry.ModelUpdate;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Only the registry can change the model: an announcement is admitted only when its {@code
 * bundle_uri} is, component by component, the registry's own location of the announced version
 * (same scheme and host, no {@code .} or {@code ..} segment, no encoded dot or slash, no query,
 * fragment or user info), and the registry's {@code CHAMPION} or history says that version was
 * promoted with exactly the announced SHA-256 and size. A writer to {@code model-updates} can thus
 * at most point the job at a version the registry itself promoted; the bundle is then still checked
 * against that SHA-256 when it is read ({@link ModelLoader}). The promotion sequence it returns
 * comes from the registry, not from the announcement.
 */
public final class RegistryGate implements ModelGate {

    private static final long serialVersionUID = 1L;

    private final String registryLocation;

    public RegistryGate(String registryLocation) {
        this.registryLocation = Objects.requireNonNull(registryLocation, "registryLocation");
    }

    public static RegistryGate from(VarsentConfig config) {
        return new RegistryGate(config.get(VarsentOptions.REGISTRY_URI));
    }

    @Override
    public long admit(ModelUpdate update) throws ModelRefusedException {
        ModelRegistry registry = registry();
        URI expected = registry.bundleUri(update.version());
        String outside = outside(update.bundleUri(), expected);
        if (outside != null) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.OUTSIDE_REGISTRY,
                    "bundle_uri "
                            + update.bundleUri()
                            + " of version "
                            + update.version()
                            + " is not the registry's location of it ("
                            + expected
                            + "): "
                            + outside);
        }
        try {
            Optional<Champion> promoted = Optional.empty();
            for (Champion c : registry.promotions()) {
                if (c.version().equals(update.version())) {
                    promoted = Optional.of(c);
                }
            }
            Optional<Champion> champion = registry.champion();
            if (champion.isPresent()
                    && champion.get().version().equals(update.version())
                    && (promoted.isEmpty()
                            || champion.get().sequence() > promoted.get().sequence())) {
                // CHAMPION moves before the history line is written: a writer that stopped in
                // between left only the pointer.
                promoted = champion;
            }
            if (promoted.isEmpty()) {
                throw new ModelRefusedException(
                        ModelRefusedException.Reason.NOT_PROMOTED,
                        "the registry "
                                + registry.root()
                                + " never promoted version "
                                + update.version());
            }
            Champion c = promoted.get();
            if (!c.sha256().equals(update.sha256()) || c.sizeBytes() != update.sizeBytes()) {
                throw new ModelRefusedException(
                        ModelRefusedException.Reason.NOT_PROMOTED,
                        "the registry promoted version "
                                + update.version()
                                + " with SHA-256 "
                                + c.sha256()
                                + " and "
                                + c.sizeBytes()
                                + " bytes, not "
                                + update.sha256()
                                + " and "
                                + update.sizeBytes());
            }
            return c.sequence();
        } catch (IOException e) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.UNREADABLE,
                    "cannot read the registry " + registryLocation + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public OptionalLong sequenceOf(String version) {
        try {
            OptionalLong sequence = OptionalLong.empty();
            for (Champion c : registry().promotions()) {
                if (c.version().equals(version)) {
                    sequence = OptionalLong.of(c.sequence());
                }
            }
            return sequence;
        } catch (IOException | ModelRefusedException e) {
            return OptionalLong.empty();
        }
    }

    private ModelRegistry registry() throws ModelRefusedException {
        try {
            return ModelRegistry.at(registryLocation);
        } catch (IOException | RuntimeException e) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.UNREADABLE,
                    "cannot open the registry " + registryLocation + ": " + e.getMessage(),
                    e);
        }
    }

    /** Why {@code given} is not {@code expected}, or null when it is. */
    static String outside(URI given, URI expected) {
        if (given.isOpaque() || !given.isAbsolute()) {
            return "not an absolute hierarchical URI";
        }
        if (given.getRawUserInfo() != null
                || given.getRawQuery() != null
                || given.getRawFragment() != null) {
            return "user info, a query or a fragment";
        }
        String rawPath = given.getRawPath() == null ? "" : given.getRawPath();
        if (rawPath.toLowerCase(Locale.ROOT).matches(".*(%2e|%2f|%5c).*")) {
            return "an encoded dot, slash or backslash in the path";
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "a '" + segment + "' segment (not normalised)";
            }
        }
        if (!given.getScheme().equalsIgnoreCase(expected.getScheme())) {
            return "another scheme";
        }
        if (!Objects.equals(
                emptyIfNull(given.getRawAuthority()), emptyIfNull(expected.getRawAuthority()))) {
            return "another host";
        }
        if (!rawPath.equals(expected.getRawPath())) {
            return "another path";
        }
        return null;
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
