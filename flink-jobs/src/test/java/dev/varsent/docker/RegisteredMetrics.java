package dev.varsent.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metrics the jobs register, read from their sources: every {@code counter}, {@code gauge},
 * {@code histogram} or {@code meter} call on a metric group, with its name resolved from a literal
 * or a {@code static final String} constant, and the keys of the key/value groups ({@code
 * addGroup(key, value)}, Prometheus labels) on the way to it, inline or through a local variable.
 * Names built at run time (a per-reason counter named after the reason) cannot be resolved and are
 * left out, which is why such names belong in a key/value group.
 */
final class RegisteredMetrics {

    /** A metric: its kind ({@code counter}, ...) and the label keys of its key/value groups. */
    record Metric(String name, String kind, Set<String> labelKeys) {}

    private static final Pattern CLASS = Pattern.compile("(?:class|record|enum|interface) (\\w+)");
    private static final Pattern CONSTANT =
            Pattern.compile("static final String (\\w+)\\s*=\\s*([^;]+);");
    private static final Pattern REGISTRATION =
            Pattern.compile("\\.\\s*(counter|gauge|histogram|meter)\\(\\s*([\\w.]+|\"[^\"]*\")");
    private static final Pattern KEY_VALUE_GROUP =
            Pattern.compile("addGroup\\(\\s*([\\w.]+|\"[^\"]*\")\\s*,");

    private final Map<String, Map<String, String>> constantsByClass = new HashMap<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();

    static RegisteredMetrics scan(Path sourceRoot) {
        RegisteredMetrics out = new RegisteredMetrics();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                sources.put(file, Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sources.forEach((file, source) -> out.readConstants(source));
        sources.forEach((file, source) -> out.readRegistrations(source));
        return out;
    }

    Map<String, Metric> metrics() {
        return metrics;
    }

    private static String className(String source) {
        Matcher m = CLASS.matcher(source);
        return m.find() ? m.group(1) : "";
    }

    private void readConstants(String source) {
        Map<String, String> constants =
                constantsByClass.computeIfAbsent(className(source), k -> new HashMap<>());
        Matcher m = CONSTANT.matcher(source);
        while (m.find()) {
            constants.put(m.group(1), m.group(2).strip());
        }
    }

    /**
     * A literal, {@code NAME} of {@code owner}, or {@code Class.NAME}; null when it is computed at
     * run time.
     */
    private String resolve(String expression, String owner) {
        if (expression.startsWith("\"")) {
            return expression.substring(1, expression.length() - 1);
        }
        int dot = expression.lastIndexOf('.');
        String cls =
                dot < 0
                        ? owner
                        : expression.substring(expression.lastIndexOf('.', dot - 1) + 1, dot);
        String value =
                constantsByClass.getOrDefault(cls, Map.of()).get(expression.substring(dot + 1));
        return value == null ? null : resolve(value, cls);
    }

    private void readRegistrations(String source) {
        String owner = className(source);
        Matcher m = REGISTRATION.matcher(source);
        while (m.find()) {
            String name = resolve(m.group(2), owner);
            if (name == null) {
                continue;
            }
            Set<String> labels = labelsOfChain(receiverChain(source, m.start()), source, owner, 3);
            Metric earlier = metrics.get(name);
            if (earlier != null) {
                labels.addAll(earlier.labelKeys());
            }
            metrics.put(name, new Metric(name, m.group(1), labels));
        }
    }

    /**
     * The call chain right before {@code end}, e.g. {@code metrics.addGroup("reason", r.name())}.
     */
    private static String receiverChain(String source, int end) {
        int i = end;
        while (true) {
            while (i > 0 && Character.isWhitespace(source.charAt(i - 1))) {
                i--;
            }
            if (i > 0 && source.charAt(i - 1) == ')') {
                int depth = 0;
                do {
                    char c = source.charAt(--i);
                    depth += c == ')' ? 1 : c == '(' ? -1 : 0;
                } while (depth > 0 && i > 0);
            }
            while (i > 0 && Character.isJavaIdentifierPart(source.charAt(i - 1))) {
                i--;
            }
            int j = i;
            while (j > 0 && Character.isWhitespace(source.charAt(j - 1))) {
                j--;
            }
            if (j > 0 && source.charAt(j - 1) == '.') {
                i = j - 1;
            } else {
                return source.substring(i, end);
            }
        }
    }

    /**
     * The key/value group keys of a chain and, when it starts from a local variable, of its
     * assignments.
     */
    private Set<String> labelsOfChain(String chain, String source, String owner, int depth) {
        Set<String> labels = new LinkedHashSet<>(labelKeys(chain, owner));
        Matcher root = Pattern.compile("^\\s*(\\w+)\\s*(\\()?").matcher(chain);
        if (depth > 0 && root.find() && root.group(2) == null) {
            Matcher assignment =
                    Pattern.compile("\\b" + root.group(1) + "\\s*=\\s*([^;]+);").matcher(source);
            while (assignment.find()) {
                labels.addAll(labelsOfChain(assignment.group(1), source, owner, depth - 1));
            }
        }
        return labels;
    }

    private Set<String> labelKeys(String chain, String owner) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = KEY_VALUE_GROUP.matcher(chain);
        while (m.find()) {
            String key = resolve(m.group(1), owner);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }
}
