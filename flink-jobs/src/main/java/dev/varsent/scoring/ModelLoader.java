package dev.varsent.scoring;

import dev.varsent.bundle.BundleFormatException;
import dev.varsent.bundle.Provenance;
import dev.varsent.model.ModelBundle;
import dev.varsent.model.SentimentModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Reads a bundle through Flink's file systems ({@code file://}, {@code s3://}, {@code hdfs://} with
 * the plugin) and checks it before anything serves it, in this order: the size, then the SHA-256 of
 * the bytes (both as announced), then that the bytes read as a model (format, trailer checksum,
 * compatibility), that it is the announced version and, when given, that its head is the served
 * one's.
 */
public final class ModelLoader {

    /** Bundles are read whole into memory before they are parsed; a larger one is refused. */
    static final long MAX_BUNDLE_BYTES = Integer.MAX_VALUE - 8;

    private ModelLoader() {}

    /**
     * @param classification the head the model must have ({@link
     *     dev.varsent.predict.Predictor#isClassification()}), or null to accept either
     */
    public static SentimentModel load(ExpectedBundle expected, Boolean classification)
            throws ModelRefusedException {
        String name = expected.uri().toString();
        byte[] bytes = read(expected);
        String sha = Provenance.sha256Hex(bytes);
        if (!sha.equals(expected.sha256())) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.SHA256_MISMATCH,
                    name + " has SHA-256 " + sha + ", announced " + expected.sha256(),
                    null);
        }
        SentimentModel model;
        try {
            model = ModelBundle.read(new ByteArrayInputStream(bytes), name);
        } catch (BundleFormatException e) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.INVALID_BUNDLE, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.INVALID_BUNDLE, name + ": " + e.getMessage(), e);
        }
        if (!model.version().equals(expected.version())) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.VERSION_MISMATCH,
                    name
                            + " holds model version "
                            + model.version()
                            + ", announced "
                            + expected.version(),
                    null);
        }
        boolean modelClassifies = !model.net().regression();
        if (classification != null && modelClassifies != classification) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.HEAD_MISMATCH,
                    name
                            + " has a "
                            + head(modelClassifies)
                            + " head; the served model has a "
                            + head(classification)
                            + " head",
                    null);
        }
        return model;
    }

    private static byte[] read(ExpectedBundle expected) throws ModelRefusedException {
        String name = expected.uri().toString();
        long size = expected.sizeBytes();
        try {
            Path path = new Path(expected.uri());
            FileSystem fs = path.getFileSystem();
            FileStatus status = fs.getFileStatus(path);
            if (status.getLen() != size) {
                throw new ModelRefusedException(
                        ModelRefusedException.Reason.SIZE_MISMATCH,
                        name + " has " + status.getLen() + " bytes, announced " + size,
                        null);
            }
            if (size > MAX_BUNDLE_BYTES) {
                throw new ModelRefusedException(
                        ModelRefusedException.Reason.INVALID_BUNDLE,
                        name
                                + " has "
                                + size
                                + " bytes, more than can be loaded ("
                                + MAX_BUNDLE_BYTES
                                + ")",
                        null);
            }
            byte[] bytes;
            try (InputStream in = fs.open(path)) {
                // One byte more than announced shows a file that grew after its status was read.
                bytes = in.readNBytes((int) Math.min(size + 1, MAX_BUNDLE_BYTES));
            }
            if (bytes.length != size) {
                throw new ModelRefusedException(
                        ModelRefusedException.Reason.SIZE_MISMATCH,
                        name
                                + " read as "
                                + (bytes.length > size ? "more than " + size : bytes.length)
                                + " bytes, announced "
                                + size,
                        null);
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new ModelRefusedException(
                    ModelRefusedException.Reason.UNREADABLE, "cannot read " + name + ": " + e, e);
        }
    }

    private static String head(boolean classification) {
        return classification ? "classification" : "regression";
    }
}
