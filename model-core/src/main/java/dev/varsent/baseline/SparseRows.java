package dev.varsent.baseline;

import java.util.Arrays;

/**
 * A read-only sparse matrix in compressed-row form ({@code rowStart}, {@code columns}, {@code
 * values}), with the two products a least-squares solver needs.
 */
public final class SparseRows {
    private final int columnCount;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;

    /**
     * @param rowStart entries of row {@code i} are {@code [rowStart[i], rowStart[i + 1])}; length
     *     rows + 1
     * @throws IllegalArgumentException if the arrays do not describe such a matrix
     */
    public SparseRows(int columnCount, int[] rowStart, int[] columns, double[] values) {
        if (rowStart.length < 1
                || rowStart[0] != 0
                || rowStart[rowStart.length - 1] != columns.length
                || columns.length != values.length) {
            throw new IllegalArgumentException(
                    "malformed sparse rows: "
                            + (rowStart.length - 1)
                            + " rows, "
                            + columns.length
                            + " column indices, "
                            + values.length
                            + " values");
        }
        for (int i = 1; i < rowStart.length; i++) {
            if (rowStart[i] < rowStart[i - 1]) {
                throw new IllegalArgumentException("row starts must not decrease, row " + i);
            }
        }
        for (int c : columns) {
            if (c < 0 || c >= columnCount) {
                throw new IllegalArgumentException(
                        "column " + c + " outside [0, " + columnCount + ")");
            }
        }
        this.columnCount = columnCount;
        this.rowStart = rowStart.clone();
        this.columns = columns.clone();
        this.values = values.clone();
    }

    /**
     * The matrix of {@code dense} (rows of equal length), keeping its non-zero entries; for small
     * problems.
     */
    public static SparseRows ofDense(double[][] dense) {
        int d = dense.length == 0 ? 0 : dense[0].length;
        int[] start = new int[dense.length + 1];
        int nnz = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i].length != d) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + dense[i].length + " columns, not " + d);
            }
            for (double v : dense[i]) {
                nnz += v != 0 ? 1 : 0;
            }
            start[i + 1] = nnz;
        }
        int[] cols = new int[nnz];
        double[] vals = new double[nnz];
        int k = 0;
        for (double[] row : dense) {
            for (int j = 0; j < d; j++) {
                if (row[j] != 0) {
                    cols[k] = j;
                    vals[k++] = row[j];
                }
            }
        }
        return new SparseRows(d, start, cols, vals);
    }

    public int rows() {
        return rowStart.length - 1;
    }

    public int columns() {
        return columnCount;
    }

    public int nonZeros() {
        return columns.length;
    }

    /** Row {@code i} times {@code w}. */
    public double rowDot(int i, double[] w) {
        double s = 0;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            s += values[k] * w[columns[k]];
        }
        return s;
    }

    /** {@code out = X v}. */
    public void times(double[] v, double[] out) {
        for (int i = 0; i < rows(); i++) {
            out[i] = rowDot(i, v);
        }
    }

    /** {@code out = X^T u}. */
    public void transposeTimes(double[] u, double[] out) {
        Arrays.fill(out, 0);
        for (int i = 0; i < rows(); i++) {
            double ui = u[i];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                out[columns[k]] += values[k] * ui;
            }
        }
    }

    /** The mean of each column over the rows. */
    public double[] columnMeans() {
        double[] mean = new double[columnCount];
        for (int k = 0; k < columns.length; k++) {
            mean[columns[k]] += values[k];
        }
        for (int j = 0; j < columnCount; j++) {
            mean[j] /= Math.max(1, rows());
        }
        return mean;
    }
}
