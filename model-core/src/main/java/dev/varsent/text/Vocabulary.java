package dev.varsent.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Word to id mapping. Immutable and thread-safe. Ids 0..2 are reserved: {@link #PAD} (left padding
 * added by the model), {@link #START} (first id of every sequence) and {@link #OOV} (any word not
 * in the vocabulary); real words have ids from 3 on, most frequent first.
 */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int START = 1;
    public static final int OOV = 2;

    public static final String PAD_TOKEN = "<pad>";
    public static final String START_TOKEN = "<s>";
    public static final String OOV_TOKEN = "<unk>";

    /** The reserved tokens, in id order. */
    public static final List<String> RESERVED = List.of(PAD_TOKEN, START_TOKEN, OOV_TOKEN);

    /** Default total size, reserved ids included. */
    public static final int DEFAULT_MAX_SIZE = 20_000;

    private final List<String> words;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        Map<String, Integer> map = new HashMap<>(words.size() * 4 / 3 + 1);
        for (int id = 0; id < words.size(); id++) {
            map.put(words.get(id), id);
        }
        this.ids = Collections.unmodifiableMap(map);
    }

    /**
     * Keeps the most frequent words of {@code tokenizedTexts} so that the vocabulary has at most
     * {@code maxSize} entries including the three reserved ones. Equal counts are ordered by {@link
     * String#compareTo}, so the result does not depend on the iteration order of the texts. Tokens
     * equal to a reserved token are not counted.
     */
    public static Vocabulary build(Iterable<? extends List<String>> tokenizedTexts, int maxSize) {
        Objects.requireNonNull(tokenizedTexts, "tokenizedTexts");
        if (maxSize < RESERVED.size()) {
            throw new IllegalArgumentException(
                    "maxSize must be at least "
                            + RESERVED.size()
                            + " (the reserved ids), got "
                            + maxSize);
        }
        Map<String, int[]> counts = new HashMap<>();
        for (List<String> tokens : tokenizedTexts) {
            for (String token : tokens) {
                Objects.requireNonNull(token, "token");
                counts.computeIfAbsent(token, t -> new int[1])[0]++;
            }
        }
        RESERVED.forEach(counts::remove);

        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(
                Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey));
        int kept = Math.min(entries.size(), maxSize - RESERVED.size());
        List<String> words = new ArrayList<>(RESERVED.size() + kept);
        words.addAll(RESERVED);
        for (int i = 0; i < kept; i++) {
            words.add(entries.get(i).getKey());
        }
        return new Vocabulary(words);
    }

    /** {@link #build(Iterable, int)} with {@link #DEFAULT_MAX_SIZE}. */
    public static Vocabulary build(Iterable<? extends List<String>> tokenizedTexts) {
        return build(tokenizedTexts, DEFAULT_MAX_SIZE);
    }

    /**
     * Restores a vocabulary from {@link #words()}: the reserved tokens at ids 0..2, then the words.
     *
     * @throws IllegalArgumentException if the reserved tokens are not first, or a word is null or
     *     repeated
     */
    public static Vocabulary fromWords(List<String> wordsInIdOrder) {
        Objects.requireNonNull(wordsInIdOrder, "wordsInIdOrder");
        if (wordsInIdOrder.size() < RESERVED.size()
                || !wordsInIdOrder.subList(0, RESERVED.size()).equals(RESERVED)) {
            List<String> head =
                    wordsInIdOrder.subList(0, Math.min(RESERVED.size(), wordsInIdOrder.size()));
            throw new IllegalArgumentException(
                    "vocabulary must start with the reserved tokens "
                            + RESERVED
                            + " at ids 0..2, but starts with "
                            + head);
        }
        Map<String, Integer> seen = new HashMap<>(wordsInIdOrder.size() * 4 / 3 + 1);
        for (int id = 0; id < wordsInIdOrder.size(); id++) {
            String word = wordsInIdOrder.get(id);
            if (word == null) {
                throw new IllegalArgumentException("vocabulary word at id " + id + " is null");
            }
            Integer earlier = seen.putIfAbsent(word, id);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        "vocabulary word '"
                                + word
                                + "' appears twice, at ids "
                                + earlier
                                + " and "
                                + id);
            }
        }
        return new Vocabulary(wordsInIdOrder);
    }

    /** The id of {@code word}, or {@link #OOV} if it is not in the vocabulary. */
    public int id(String word) {
        return ids.getOrDefault(word, OOV);
    }

    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    /** The word with id {@code id}; the reserved ids give their reserved tokens. */
    public String word(int id) {
        if (id < 0 || id >= words.size()) {
            throw new IndexOutOfBoundsException(
                    "id " + id + " outside vocabulary of size " + words.size());
        }
        return words.get(id);
    }

    /** Number of ids, reserved ones included. */
    public int size() {
        return words.size();
    }

    /** All words in id order, reserved tokens first; unmodifiable. */
    public List<String> words() {
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary other && words.equals(other.words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + words.size() + "]";
    }
}
