package dev.varsent.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An enum constant written in lower case with '-' for '_' ({@code mean-max} for {@code MEAN_MAX});
 * any case and '_' are accepted too.
 */
final class LowerDashEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    LowerDashEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String text) {
        String wanted = text.strip().replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(wanted)) {
                return e;
            }
        }
        throw new TypeConversionException("expected " + names(type) + ", got '" + text + "'");
    }

    /** How the command line writes {@code e}: {@code mean-max}. */
    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code last|mean|mean-max}. */
    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(LowerDashEnumConverter::name)
                .collect(Collectors.joining("|"));
    }
}
