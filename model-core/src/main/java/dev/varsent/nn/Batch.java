package dev.varsent.nn;

import java.util.List;

/**
 * Token sequences laid out time-major for the recurrence: row n of step t is {@code ids[t * rows +
 * n]}. Sequences are left-padded to the longest one, so every sequence ends at the last step and
 * row n starts at step {@code start[n]}. With {@code repeat = K} each sequence fills K consecutive
 * rows, one per MC sample (row = sequence * K + sample).
 */
public final class Batch {
    public static final int PAD = 0;

    final int rows;
    final int steps;
    final int[] start;
    final int[] ids;

    private Batch(int rows, int steps, int[] start, int[] ids) {
        this.rows = rows;
        this.steps = steps;
        this.start = start;
        this.ids = ids;
    }

    public static Batch of(List<int[]> sequences, int repeat) {
        if (sequences.isEmpty() || repeat < 1) {
            throw new IllegalArgumentException("need at least one sequence and repeat >= 1");
        }
        int steps = 1;
        for (int[] s : sequences) {
            if (s.length == 0) {
                throw new IllegalArgumentException(
                        "empty sequence: encode at least the START token");
            }
            steps = Math.max(steps, s.length);
        }
        int rows = sequences.size() * repeat;
        int[] start = new int[rows];
        int[] ids = new int[rows * steps];
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            for (int k = 0; k < repeat; k++) {
                int n = i * repeat + k;
                start[n] = steps - s.length;
                for (int j = 0; j < s.length; j++) {
                    ids[(start[n] + j) * rows + n] = s[j];
                }
            }
        }
        return new Batch(rows, steps, start, ids);
    }

    public int rows() {
        return rows;
    }

    public int steps() {
        return steps;
    }

    /** The start array the kernels take, or null when no row is padded. */
    int[] startOrNull() {
        for (int s : start) {
            if (s > 0) {
                return start;
            }
        }
        return null;
    }
}
