package dev.varsent.text;

import java.util.List;
import java.util.Objects;

/**
 * Turns a review into the id sequence the network reads: {@link Vocabulary#START} followed by the
 * ids of the last {@code maxLength - 1} tokens. Long reviews lose their beginning rather than their
 * end (as with Keras' default truncation), because the closing sentences usually carry the verdict.
 * No padding is added; the model pads on the left. Thread-safe.
 */
public final class SequenceEncoder {

    public static final int DEFAULT_MAX_LENGTH = 200;

    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final int maxLength;

    public SequenceEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        if (maxLength < 1) {
            throw new IllegalArgumentException(
                    "maxLength must be at least 1 (the start id), got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    public SequenceEncoder(Tokenizer tokenizer, Vocabulary vocabulary) {
        this(tokenizer, vocabulary, DEFAULT_MAX_LENGTH);
    }

    /**
     * START then the ids of the last {@code maxLength - 1} tokens of {@code text}; length
     * 1..maxLength.
     */
    public int[] encode(String text) {
        return encodeTokens(tokenizer.tokenize(text));
    }

    /** As {@link #encode(String)} for already tokenized text. */
    public int[] encodeTokens(List<String> tokens) {
        int kept = Math.min(tokens.size(), maxLength - 1);
        int first = tokens.size() - kept;
        int[] ids = new int[kept + 1];
        ids[0] = Vocabulary.START;
        for (int i = 0; i < kept; i++) {
            ids[i + 1] = vocabulary.id(tokens.get(first + i));
        }
        return ids;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int maxLength() {
        return maxLength;
    }
}
