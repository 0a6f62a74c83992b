package dev.sweep.results.leaderboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A small seeded random-forest regressor (bagged CART trees, variance-reduction splits on presorted columns) with
 * out-of-bag permutation importance. Commons Math has no forest; this is the few hundred lines the importance table
 * needs, not a general learner. Deterministic for a seed.
 */
final class RandomForest {

    /**
     * @param trees          number of trees
     * @param maxDepth       depth limit of a tree
     * @param minLeaf        fewest samples in a leaf
     * @param maxSamples     bootstrap sample size cap (the sample is min(n, maxSamples) rows drawn with replacement)
     * @param featureFraction share of the columns tried at each split (1.0: all, as scikit-learn's regressor does)
     */
    record Options(int trees, int maxDepth, int minLeaf, int maxSamples, double featureFraction) {
        static final Options DEFAULT = new Options(64, 12, 3, 2048, 1.0);
    }

    /** A fitted tree in flat arrays; a leaf has feature −1. */
    private record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value, int[] outOfBag) {
        double predict(double[] row) {
            int node = 0;
            while (feature[node] >= 0) {
                node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            return value[node];
        }
    }

    private final List<Tree> trees;
    private final double[][] x;
    private final double[] y;

    private RandomForest(List<Tree> trees, double[][] x, double[] y) {
        this.trees = trees;
        this.x = x;
        this.y = y;
    }

    static RandomForest fit(double[][] x, double[] y, Options options, SplittableRandom random) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a forest needs at least 2 rows and one target per row, but got "
                    + x.length + " rows and " + y.length + " targets");
        }
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < options.trees(); t++) {
            trees.add(new TreeBuilder(x, y, options, random.split()).build());
        }
        return new RandomForest(trees, x, y);
    }

    double predict(double[] row) {
        return trees.stream().mapToDouble(t -> t.predict(row)).average().orElse(Double.NaN);
    }

    /**
     * Out-of-bag permutation importance of each group of columns (a param's one-hot columns move together): per tree,
     * the rise in squared error on its out-of-bag rows when the group's values are shuffled among those rows,
     * averaged over trees, negative rises counted as 0.
     */
    double[] permutationImportance(int[][] groups, SplittableRandom random) {
        double[] rise = new double[groups.length];
        int used = 0;
        for (Tree tree : trees) {
            int[] oob = tree.outOfBag();
            if (oob.length < 2) {
                continue;
            }
            used++;
            double base = error(tree, oob, null, null);
            for (int g = 0; g < groups.length; g++) {
                int[] shuffled = oob.clone();
                for (int i = shuffled.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int tmp = shuffled[i];
                    shuffled[i] = shuffled[j];
                    shuffled[j] = tmp;
                }
                rise[g] += error(tree, oob, groups[g], shuffled) - base;
            }
        }
        for (int g = 0; g < rise.length; g++) {
            rise[g] = used == 0 ? 0 : Math.max(0, rise[g] / used);
        }
        return rise;
    }

    /** Mean squared error on {@code rows}; the {@code columns} of row i taken from row {@code donors[i]}. */
    private double error(Tree tree, int[] rows, int[] columns, int[] donors) {
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] row = x[rows[i]];
            if (columns != null) {
                row = row.clone();
                for (int c : columns) {
                    row[c] = x[donors[i]][c];
                }
            }
            double d = tree.predict(row) - y[rows[i]];
            sum += d * d;
        }
        return sum / rows.length;
    }

    /** Grows one tree on a bootstrap sample, keeping every column's sample order sorted as nodes split. */
    private static final class TreeBuilder {
        private final double[][] x;
        private final double[] y;
        private final Options options;
        private final SplittableRandom random;
        private final int[] rows;          // bootstrap sample: position → row of x
        private final int[][] order;       // per column: positions sorted by that column's value
        private final boolean[] goesLeft;
        private final int[] buffer;
        private final int columns;
        private final List<int[]> structure = new ArrayList<>();   // {feature, left, right}
        private final List<double[]> numbers = new ArrayList<>();  // {threshold, value}

        TreeBuilder(double[][] x, double[] y, Options options, SplittableRandom random) {
            this.x = x;
            this.y = y;
            this.options = options;
            this.random = random;
            int m = Math.min(x.length, options.maxSamples());
            this.rows = new int[m];
            for (int i = 0; i < m; i++) {
                rows[i] = random.nextInt(x.length);
            }
            this.columns = x[0].length;
            this.order = new int[columns][];
            for (int c = 0; c < columns; c++) {
                int col = c;
                order[c] = IntStream.range(0, m).boxed()
                        .sorted(Comparator.comparingDouble(p -> x[rows[p]][col])).mapToInt(Integer::intValue).toArray();
            }
            this.goesLeft = new boolean[m];
            this.buffer = new int[m];
        }

        Tree build() {
            grow(0, rows.length, 0);
            int n = structure.size();
            int[] feature = new int[n];
            int[] left = new int[n];
            int[] right = new int[n];
            double[] threshold = new double[n];
            double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                feature[i] = structure.get(i)[0];
                left[i] = structure.get(i)[1];
                right[i] = structure.get(i)[2];
                threshold[i] = numbers.get(i)[0];
                value[i] = numbers.get(i)[1];
            }
            boolean[] inBag = new boolean[x.length];
            for (int r : rows) {
                inBag[r] = true;
            }
            int[] oob = IntStream.range(0, x.length).filter(r -> !inBag[r]).toArray();
            return new Tree(feature, threshold, left, right, value, oob);
        }

        /** Grows the node over positions order[*][lo, hi) and returns its index. */
        private int grow(int lo, int hi, int depth) {
            int node = structure.size();
            double sum = 0;
            double sumSq = 0;
            for (int i = lo; i < hi; i++) {
                double v = y[rows[order[0][i]]];
                sum += v;
                sumSq += v * v;
            }
            int n = hi - lo;
            structure.add(new int[] {-1, -1, -1});
            numbers.add(new double[] {0, sum / n});
            boolean pure = sumSq - sum * sum / n <= 1e-12 * Math.max(1, sumSq);
            if (depth >= options.maxDepth() || n < 2 * options.minLeaf() || pure) {
                return node;
            }
            double bestScore = sum * sum / n + 1e-12 * Math.max(1, sumSq);
            int bestColumn = -1;
            int bestSplit = -1;
            double bestThreshold = 0;
            for (int c : candidateColumns()) {
                double leftSum = 0;
                int[] o = order[c];
                for (int i = lo; i < hi - 1; i++) {
                    leftSum += y[rows[o[i]]];
                    int nl = i - lo + 1;
                    double here = x[rows[o[i]]][c];
                    double next = x[rows[o[i + 1]]][c];
                    if (nl < options.minLeaf() || n - nl < options.minLeaf() || here == next) {
                        continue;
                    }
                    double rightSum = sum - leftSum;
                    double score = leftSum * leftSum / nl + rightSum * rightSum / (n - nl);
                    if (score > bestScore) {
                        bestScore = score;
                        bestColumn = c;
                        bestSplit = i + 1;
                        bestThreshold = here + (next - here) / 2;
                    }
                }
            }
            if (bestColumn < 0) {
                return node;
            }
            partition(lo, hi, bestColumn, bestSplit);
            int left = grow(lo, bestSplit, depth + 1);
            int right = grow(bestSplit, hi, depth + 1);
            structure.set(node, new int[] {bestColumn, left, right});
            numbers.get(node)[0] = bestThreshold;
            return node;
        }

        private int[] candidateColumns() {
            int k = Math.max(1, (int) Math.round(columns * options.featureFraction()));
            int[] all = IntStream.range(0, columns).toArray();
            for (int i = 0; i < k && i < columns - 1; i++) {
                int j = i + random.nextInt(columns - i);
                int tmp = all[i];
                all[i] = all[j];
                all[j] = tmp;
            }
            return Arrays.copyOf(all, k);
        }

        /** Stable-partitions every column's order over [lo, hi) into the split column's left part, then the rest. */
        private void partition(int lo, int hi, int column, int split) {
            for (int i = lo; i < hi; i++) {
                goesLeft[order[column][i]] = i < split;
            }
            for (int c = 0; c < columns; c++) {
                if (c == column) {
                    continue;
                }
                int[] o = order[c];
                int l = lo;
                int r = 0;
                for (int i = lo; i < hi; i++) {
                    if (goesLeft[o[i]]) {
                        o[l++] = o[i];
                    } else {
                        buffer[r++] = o[i];
                    }
                }
                System.arraycopy(buffer, 0, o, l, r);
            }
        }
    }
}
