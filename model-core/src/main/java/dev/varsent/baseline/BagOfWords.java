package dev.varsent.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Binary bag-of-words features: a row per text with a 1 for each vocabulary entry it contains
 * (however often), scaled so the row has unit L2 norm. The vocabulary is the {@code size} most
 * frequent tokens of the training texts (ties by first appearance), optionally followed by their
 * most frequent bigrams (two adjacent tokens, both in the vocabulary, stored as the two joined by
 * {@value #BIGRAM_JOIN}); other tokens are ignored. A text with no vocabulary entry is a zero row.
 */
public final class BagOfWords {
    /** What joins the two tokens of a bigram entry; tokens never contain whitespace. */
    public static final String BIGRAM_JOIN = " ";

    private final Map<String, Integer> index;
    private final boolean bigrams;

    /** Each bigram entry's column by its two words' columns ({@link #pairKey}). */
    private final Map<Long, Integer> pairs = new HashMap<>();

    private BagOfWords(Map<String, Integer> index) {
        this.index = index;
        this.bigrams = index.keySet().stream().anyMatch(w -> w.contains(BIGRAM_JOIN));
        index.forEach(
                (entry, column) -> {
                    int join = entry.indexOf(BIGRAM_JOIN);
                    if (join > 0) {
                        int first = column(entry.substring(0, join));
                        int second = column(entry.substring(join + BIGRAM_JOIN.length()));
                        // A bigram entry joins two vocabulary words (fit makes no other kind).
                        if (first >= 0 && second >= 0) {
                            pairs.put(pairKey(first, second), column);
                        }
                    }
                });
    }

    private static long pairKey(int first, int second) {
        return ((long) first << 32) | second;
    }

    /** The vocabulary of the {@code size} most frequent tokens of {@code trainingTexts}. */
    public static BagOfWords fit(List<List<String>> trainingTexts, int size) {
        return fit(trainingTexts, size, 0);
    }

    /**
     * The {@code size} most frequent tokens of {@code trainingTexts}, then the {@code bigrams} most
     * frequent pairs of adjacent tokens that are both among them.
     */
    public static BagOfWords fit(List<List<String>> trainingTexts, int size, int bigrams) {
        if (size < 1 || bigrams < 0) {
            throw new IllegalArgumentException(
                    "vocabulary size must be positive and bigrams >= 0, got "
                            + size
                            + " and "
                            + bigrams);
        }
        Map<String, Integer> index = new HashMap<>();
        for (String w : mostFrequent(trainingTexts, size, t -> t)) {
            index.put(w, index.size());
        }
        if (bigrams > 0) {
            for (String w : mostFrequent(trainingTexts, bigrams, t -> pairs(t, index))) {
                index.put(w, index.size());
            }
        }
        return new BagOfWords(index);
    }

    private static List<String> mostFrequent(
            List<List<String>> texts, int size, Function<List<String>, List<String>> terms) {
        Map<String, long[]> counts = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (List<String> tokens : texts) {
            for (String t : terms.apply(tokens)) {
                counts.computeIfAbsent(
                                t,
                                k -> {
                                    order.add(k);
                                    return new long[1];
                                })[0]++;
            }
        }
        List<String> ranked = new ArrayList<>(order);
        ranked.sort(
                (a, b) ->
                        Long.compare(
                                counts.get(b)[0],
                                counts.get(a)[0])); // stable: ties keep first appearance
        return ranked.subList(0, Math.min(size, ranked.size()));
    }

    /** The bigram entries of adjacent tokens both of which {@code words} holds. */
    private static List<String> pairs(List<String> tokens, Map<String, Integer> words) {
        List<String> pairs = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            if (words.containsKey(tokens.get(i - 1)) && words.containsKey(tokens.get(i))) {
                pairs.add(tokens.get(i - 1) + BIGRAM_JOIN + tokens.get(i));
            }
        }
        return pairs;
    }

    /**
     * The vocabulary whose column {@code i} is {@code words.get(i)}, as {@link #words()} gave it (a
     * stored model).
     *
     * @throws IllegalArgumentException if an entry is null, repeated, or holds whitespace other
     *     than one {@value #BIGRAM_JOIN} between two tokens
     */
    public static BagOfWords of(List<String> words) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String problem =
                    w == null
                            ? "null"
                            : index.putIfAbsent(w, i) != null
                                    ? "a repeat of '" + w + "'"
                                    : !wellFormed(w)
                                            ? "'" + w + "', neither a token nor a bigram"
                                            : null;
            if (problem != null) {
                throw new IllegalArgumentException(
                        "bag-of-words vocabulary entry " + i + " is " + problem);
            }
        }
        return new BagOfWords(index);
    }

    private static boolean wellFormed(String entry) {
        String[] parts = entry.split(BIGRAM_JOIN, -1);
        if (parts.length > 2) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.chars().anyMatch(Character::isWhitespace)) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return index.size();
    }

    /** Whether the vocabulary holds bigrams. */
    public boolean hasBigrams() {
        return bigrams;
    }

    /** The vocabulary in column order. */
    public List<String> words() {
        String[] words = new String[index.size()];
        index.forEach((w, i) -> words[i] = w);
        return List.of(words);
    }

    /** The column of {@code token}, or -1 outside the vocabulary. */
    public int column(String token) {
        return index.getOrDefault(token, -1);
    }

    /** One L2-normalised binary row per text. */
    public SparseRows rows(List<List<String>> texts) {
        int[] start = new int[texts.size() + 1];
        List<int[]> rowColumns = new ArrayList<>(texts.size());
        int nnz = 0;
        for (int i = 0; i < texts.size(); i++) {
            Set<Integer> present = new LinkedHashSet<>();
            List<String> tokens = texts.get(i);
            int previous = -1;
            for (int j = 0; j < tokens.size(); j++) {
                int c = column(tokens.get(j));
                if (c >= 0) {
                    present.add(c);
                }
                if (previous >= 0 && c >= 0 && !pairs.isEmpty()) {
                    Integer b = pairs.get(pairKey(previous, c));
                    if (b != null) {
                        present.add(b);
                    }
                }
                previous = c;
            }
            int[] cols = present.stream().mapToInt(Integer::intValue).sorted().toArray();
            rowColumns.add(cols);
            nnz += cols.length;
            start[i + 1] = nnz;
        }
        int[] columns = new int[nnz];
        double[] values = new double[nnz];
        int k = 0;
        for (int[] cols : rowColumns) {
            double v = cols.length == 0 ? 0 : 1 / Math.sqrt(cols.length);
            System.arraycopy(cols, 0, columns, k, cols.length);
            Arrays.fill(values, k, k + cols.length, v);
            k += cols.length;
        }
        return new SparseRows(size(), start, columns, values);
    }
}
