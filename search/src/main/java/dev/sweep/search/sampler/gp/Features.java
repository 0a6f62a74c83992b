package dev.sweep.search.sampler.gp;

import dev.sweep.search.sampler.SpaceCodec;
import java.util.Arrays;

/**
 * Turns codec points into GP inputs in [0, 1]: a numeric dimension keeps its unit coordinate (log ranges are
 * already in log space, ints and steps continuous), a categorical one becomes one-hot columns; an inactive
 * conditional dimension is 0 in all its columns.
 */
final class Features {

    private final SpaceCodec codec;
    private final int[] column;      // first column of each free dimension
    private final int width;
    private final boolean conditional;

    Features(SpaceCodec codec) {
        this.codec = codec;
        this.column = new int[codec.freeCount()];
        int w = 0;
        boolean cond = false;
        for (int k = 0; k < column.length; k++) {
            SpaceCodec.Dim d = codec.free().get(k);
            column[k] = w;
            w += d.categorical() ? d.choices() : 1;
            cond |= d.condition() != null;
        }
        this.width = w;
        this.conditional = cond;
    }

    int width() {
        return width;
    }

    /** The column of numeric free dimension {@code k}. */
    int column(int k) {
        return column[k];
    }

    /** The active mask of {@code z}, or null when the space has no conditional dimension (all active). */
    boolean[] mask(double[] z) {
        return conditional ? codec.activeMask(z) : null;
    }

    double[] of(double[] z) {
        return of(z, mask(z));
    }

    double[] of(double[] z, boolean[] active) {
        double[] x = new double[width];
        for (int k = 0; k < z.length; k++) {
            if (Double.isNaN(z[k]) || (active != null && !active[k])) {
                continue;
            }
            SpaceCodec.Dim d = codec.free().get(k);
            if (d.categorical()) {
                x[column[k] + (int) Math.max(0, Math.min(d.choices() - 1, Math.round(z[k])))] = 1;
            } else {
                x[column[k]] = z[k];
            }
        }
        return x;
    }

    @Override
    public String toString() {
        return "Features" + Arrays.toString(column) + "/" + width;
    }
}
