package dev.varsent.model;

import dev.varsent.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A review cut into the sequences the network scores, each encoded as training encodes a segment
 * ({@link Vocabulary#START} then the token ids, no padding). A review of n tokens with segments of
 * at most L = maxLength - 1 tokens is cut into ceil(n / L) consecutive segments as equal in length
 * as possible (lengths differ by at most one), so every token is scored exactly once and no segment
 * is a scrap: a 210-token review is scored as 105 + 105 tokens, not as 199 + 11, since each segment
 * weighs the same in the review's prediction. Training's segments are L tokens with final pieces
 * down to L/4, and every segment here has at least L/2 tokens (or the whole review). An empty
 * review is one segment of START alone.
 *
 * @param segments the scored segments, in text order
 * @param total segments the whole review has
 * @param truncated more than the cap: only the first ceil(cap/2) and last floor(cap/2) segments are
 *     scored
 * @param oovShare share of the review's tokens (all of them, scored or not) that the vocabulary
 *     does not know
 */
record ReviewSegments(List<int[]> segments, int total, boolean truncated, double oovShare) {

    static ReviewSegments of(List<String> tokens, Vocabulary vocabulary, int maxLength, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("segment cap must be at least 1, got " + cap);
        }
        int n = tokens.size();
        int[] ids = new int[n];
        int unknown = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = vocabulary.id(tokens.get(i));
            unknown += ids[i] == Vocabulary.OOV ? 1 : 0;
        }
        int per = Math.max(1, maxLength - 1);
        int total = Math.max(1, (n + per - 1) / per);
        int base = n / total, longer = n % total;
        List<int[]> all = new ArrayList<>(total);
        for (int s = 0, from = 0; s < total; s++) {
            int len = base + (s < longer ? 1 : 0);
            all.add(encode(ids, from, len));
            from += len;
        }
        boolean truncated = total > cap;
        List<int[]> scored = all;
        if (truncated) {
            int head = (cap + 1) / 2;
            scored = new ArrayList<>(all.subList(0, head));
            scored.addAll(all.subList(total - (cap - head), total));
        }
        return new ReviewSegments(
                List.copyOf(scored), total, truncated, n == 0 ? 0 : (double) unknown / n);
    }

    /** An already-encoded sequence (START first) as a review of one segment. */
    static ReviewSegments ofEncoded(int[] sequence) {
        int tokens = 0, unknown = 0;
        for (int i = 0; i < sequence.length; i++) {
            if (i == 0 && sequence[i] == Vocabulary.START) {
                continue;
            }
            tokens++;
            unknown += sequence[i] == Vocabulary.OOV ? 1 : 0;
        }
        return new ReviewSegments(
                List.of(sequence), 1, false, tokens == 0 ? 0 : (double) unknown / tokens);
    }

    private static int[] encode(int[] ids, int from, int len) {
        int[] seq = new int[len + 1];
        seq[0] = Vocabulary.START;
        System.arraycopy(ids, from, seq, 1, len);
        return seq;
    }

    @Override
    public String toString() {
        return "ReviewSegments["
                + segments.size()
                + " of "
                + total
                + (truncated ? ", truncated" : "")
                + ", oovShare="
                + oovShare
                + ", lengths="
                + Arrays.toString(segments.stream().mapToInt(s -> s.length - 1).toArray())
                + "]";
    }
}
