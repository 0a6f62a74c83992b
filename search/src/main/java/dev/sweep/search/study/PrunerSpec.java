package dev.sweep.search.study;

import java.util.Objects;

/**
 * The sweep file's {@code early_terminate}: {@code type} is median, asha or hyperband; {@code minIter} the
 * first step (in the metric's intermediate steps) at which a trial may be stopped; {@code eta} the reduction
 * factor; {@code maxIter} the longest a trial runs (for hyperband brackets); {@code warmupTrials} how many
 * trials must have reported before the median rule acts.
 */
public record PrunerSpec(String type, int minIter, int eta, Integer maxIter, int warmupTrials) {
    public PrunerSpec {
        Objects.requireNonNull(type, "type");
        if (minIter < 1) {
            throw new IllegalArgumentException("min_iter >= 1 must hold, but got (min_iter=" + minIter + ")");
        }
        if (eta < 2) {
            throw new IllegalArgumentException("eta >= 2 must hold, but got (eta=" + eta + ")");
        }
        if (maxIter != null && maxIter < minIter) {
            throw new IllegalArgumentException("max_iter >= min_iter must hold, but got (min_iter=" + minIter + ", max_iter=" + maxIter + ")");
        }
    }
}
