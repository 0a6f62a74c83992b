package dev.sweep.dashboards.view;

/**
 * Largest-triangle-three-buckets downsampling (Steinarsson 2013): keeps the first and last point and, per
 * bucket, the point that spans the largest triangle with its neighbours, so peaks and the curve's shape survive.
 */
public final class Downsample {
    private Downsample() {
    }

    /** Indices of at most {@code max} points of (xs, ys) to keep, ascending; all of them when few enough. */
    public static int[] lttb(double[] xs, double[] ys, int max) {
        int n = xs.length;
        if (ys.length != n) {
            throw new IllegalArgumentException("xs and ys must have the same length, but got (" + n + ", "
                    + ys.length + ")");
        }
        if (max < 3) {
            throw new IllegalArgumentException("max >= 3 must hold, but got max=" + max);
        }
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] keep = new int[max];
        double every = (double) (n - 2) / (max - 2);
        int a = 0;
        keep[0] = 0;
        for (int b = 0; b < max - 2; b++) {
            int avgStart = (int) Math.floor((b + 1) * every) + 1;
            int avgEnd = Math.min((int) Math.floor((b + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            for (int j = avgStart; j < avgEnd; j++) {
                avgX += xs[j];
                avgY += ys[j];
            }
            int len = Math.max(1, avgEnd - avgStart);
            avgX /= len;
            avgY /= len;
            int from = (int) Math.floor(b * every) + 1;
            int to = (int) Math.floor((b + 1) * every) + 1;
            double bestArea = -1;
            int best = from;
            for (int j = from; j < to; j++) {
                double area = Math.abs((xs[a] - avgX) * (ys[j] - ys[a]) - (xs[a] - xs[j]) * (avgY - ys[a]));
                if (area > bestArea || Double.isNaN(area)) {
                    bestArea = area;
                    best = j;
                }
            }
            keep[b + 1] = best;
            a = best;
        }
        keep[max - 1] = n - 1;
        return keep;
    }
}
