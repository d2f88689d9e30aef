package dev.varsent.cli;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A positive duration: a whole number of seconds ({@code 600}), or a number with a unit as in
 * Flink's configuration ({@code 90s}, {@code 10min}, {@code 1h}, {@code 500ms}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String t = text.strip();
        Duration d;
        if (t.matches("\\d+")) {
            d = Duration.ofSeconds(Long.parseLong(t));
        } else {
            try {
                d = TimeUtils.parseDuration(t);
            } catch (RuntimeException e) {
                throw new TypeConversionException(
                        "'"
                                + text
                                + "' is not a duration: seconds (600) or a number"
                                + " with a unit (90s, 10min, 1h)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new TypeConversionException("the duration must be positive, got '" + text + "'");
        }
        return d;
    }
}
