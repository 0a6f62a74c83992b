package dev.sweep.worker.bert;

import dev.sweep.worker.text.Encoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Length-bucketed batching: a graph is static per [batch, length], so each batch is padded to its longest example
 * rounded up to a multiple of {@link #bucketMultiple} (capped at max_len) and to the full batch size. Training
 * shuffles, cuts the shuffled order into chunks of 50 batches, sorts each chunk by length, and shuffles the batches:
 * little padding, still random. Evaluation sorts everything by length. The number of graphs stays at most
 * max_len / multiple (+1).
 */
public final class Batcher {

    private static final int CHUNK_BATCHES = 50;

    private final List<Encoding> encodings;
    private final int[] labels;
    private final int batchSize;
    private final int maxLen;

    public Batcher(List<Encoding> encodings, int[] labels, int batchSize, int maxLen) {
        if (encodings.size() != labels.length) {
            throw new IllegalArgumentException("one label per example must hold, but got (examples="
                    + encodings.size() + ", labels=" + labels.length + ")");
        }
        if (batchSize < 1 || maxLen < 2) {
            throw new IllegalArgumentException("batch_size >= 1 and max_len >= 2 must hold, but got (batch_size="
                    + batchSize + ", max_len=" + maxLen + ")");
        }
        this.encodings = List.copyOf(encodings);
        this.labels = labels.clone();
        this.batchSize = batchSize;
        this.maxLen = maxLen;
    }

    /** Pad lengths round up to multiples of 8 up to max_len 64, of 16 beyond. */
    public static int bucketMultiple(int maxLen) {
        return maxLen <= 64 ? 8 : 16;
    }

    public static int bucketLength(int longest, int maxLen) {
        int m = bucketMultiple(maxLen);
        return Math.min(maxLen, ((Math.max(longest, 1) + m - 1) / m) * m);
    }

    public int size() {
        return encodings.size();
    }

    public int batchesPerEpoch() {
        return (encodings.size() + batchSize - 1) / batchSize;
    }

    /** One training epoch's batches, in an order drawn from {@code rng}. */
    public List<Batch> shuffled(SplittableRandom rng) {
        int[] order = permutation(encodings.size(), rng);
        int chunk = batchSize * CHUNK_BATCHES;
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; start < order.length; start += chunk) {
            Integer[] part = Arrays.stream(Arrays.copyOfRange(order, start, Math.min(order.length, start + chunk)))
                    .boxed().toArray(Integer[]::new);
            Arrays.sort(part, Comparator.comparingInt(i -> encodings.get(i).length()));
            for (int s = 0; s < part.length; s += batchSize) {
                groups.add(Arrays.stream(part, s, Math.min(part.length, s + batchSize)).mapToInt(Integer::intValue)
                        .toArray());
            }
        }
        int[] batchOrder = permutation(groups.size(), rng);
        List<Batch> out = new ArrayList<>(groups.size());
        for (int g : batchOrder) {
            out.add(batch(groups.get(g)));
        }
        return out;
    }

    /** All examples once, sorted by length (evaluation). */
    public List<Batch> sequential() {
        Integer[] idx = new Integer[encodings.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingInt(i -> encodings.get(i).length()));
        List<Batch> out = new ArrayList<>();
        for (int s = 0; s < idx.length; s += batchSize) {
            out.add(batch(Arrays.stream(idx, s, Math.min(idx.length, s + batchSize)).mapToInt(Integer::intValue)
                    .toArray()));
        }
        return out;
    }

    private Batch batch(int[] rows) {
        List<Encoding> encs = new ArrayList<>(rows.length);
        int[] labs = new int[rows.length];
        int longest = 1;
        for (int i = 0; i < rows.length; i++) {
            Encoding e = encodings.get(rows[i]);
            encs.add(e);
            labs[i] = labels[rows[i]];
            longest = Math.max(longest, e.length());
        }
        if (longest > maxLen) {
            throw new IllegalArgumentException("encoded length <= max_len must hold, but got (length=" + longest
                    + ", max_len=" + maxLen + "): truncate when tokenising");
        }
        return Batch.of(encs, labs, rows, batchSize, bucketLength(longest, maxLen));
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
