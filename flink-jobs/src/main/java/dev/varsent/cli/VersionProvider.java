package dev.varsent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code varsent --version}: the project's version and the stack it was built against, from the
 * build.
 */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        Properties built = built();
        return new String[] {
            "varsent " + built.getProperty("version", "unknown"),
            "built with Flink "
                    + built.getProperty("flink", "?")
                    + ", Kafka "
                    + built.getProperty("kafka", "?")
                    + ", ND4J "
                    + built.getProperty("nd4j", "?"),
            "running on Java "
                    + System.getProperty("java.version")
                    + " ("
                    + System.getProperty("java.vendor")
                    + ", "
                    + System.getProperty("os.name")
                    + " "
                    + System.getProperty("os.arch")
                    + ")"
        };
    }

    static Properties built() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties;
    }
}
