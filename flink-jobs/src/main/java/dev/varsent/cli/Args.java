package dev.varsent.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value} and {@code --flag} options of one subcommand. Every option must be declared; an
 * unknown one, a missing value or a malformed number is a clear error.
 */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {
    }

    /** {@code valued}: options that take a value; {@code booleans}: flags without a value. */
    static Args parse(List<String> args, Set<String> valued, Set<String> booleans) {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String key = arg.substring(2);
            String inline = null;
            int eq = key.indexOf('=');
            if (eq > 0) {
                inline = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (booleans.contains(key) && inline == null) {
                a.flags.add(key);
            } else if (valued.contains(key)) {
                if (inline == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--" + key + " needs a value");
                    }
                    inline = args.get(++i);
                }
                a.values.put(key, inline);
            } else {
                throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        return a;
    }

    boolean flag(String key) {
        return flags.contains(key);
    }

    String get(String key, String def) {
        return values.getOrDefault(key, def);
    }

    int getInt(String key, int def) {
        String v = values.get(key);
        try {
            return v == null ? def : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    long getLong(String key, long def) {
        String v = values.get(key);
        try {
            return v == null ? def : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v + "'");
        }
    }

    double getDouble(String key, double def) {
        String v = values.get(key);
        try {
            return v == null ? def : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, got '" + v + "'");
        }
    }
}
