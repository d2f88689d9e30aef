package dev.varsent.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binary bag-of-words features: a row per text with a 1 for each vocabulary word it contains
 * (however often), scaled so the row has unit L2 norm. The vocabulary is the {@code size} most
 * frequent tokens of the training texts (ties by first appearance); other tokens are ignored. A
 * text with no vocabulary word is a zero row.
 */
public final class BagOfWords {
    private final Map<String, Integer> index;

    private BagOfWords(Map<String, Integer> index) {
        this.index = index;
    }

    /** The vocabulary of the {@code size} most frequent tokens of {@code trainingTexts}. */
    public static BagOfWords fit(List<List<String>> trainingTexts, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("vocabulary size must be positive, got " + size);
        }
        Map<String, long[]> counts = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (List<String> tokens : trainingTexts) {
            for (String t : tokens) {
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
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < Math.min(size, ranked.size()); i++) {
            index.put(ranked.get(i), i);
        }
        return new BagOfWords(index);
    }

    /**
     * The vocabulary whose column {@code i} is {@code words.get(i)}, as {@link #words()} gave it (a
     * stored model).
     *
     * @throws IllegalArgumentException if a word is null or repeated
     */
    public static BagOfWords of(List<String> words) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w == null || index.putIfAbsent(w, i) != null) {
                throw new IllegalArgumentException(
                        "bag-of-words vocabulary entry "
                                + i
                                + " is "
                                + (w == null ? "null" : "a repeat of '" + w + "'"));
            }
        }
        return new BagOfWords(index);
    }

    public int size() {
        return index.size();
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
            for (String t : texts.get(i)) {
                int c = column(t);
                if (c >= 0) {
                    present.add(c);
                }
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
