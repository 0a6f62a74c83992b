package dev.sweep.search.space;

/**
 * A real-valued range [low, high], optionally log-scaled or quantised to {@code step} (from low).
 *
 * @param gridCount how many points a grid search takes from the range (log-spaced when {@code log}); null when
 *                  the range is not gridded
 */
public record FloatDistribution(double low, double high, boolean log, Double step, Integer gridCount)
        implements Distribution {

    public FloatDistribution {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("low and high must be finite, but got (low=" + low + ", high=" + high + ")");
        }
        if (low > high) {
            throw new IllegalArgumentException("low <= high must hold, but got (low=" + low + ", high=" + high + ")");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("low > 0 must hold for a log distribution, but got (low=" + low + ")");
        }
        if (step != null && (!(step > 0) || log)) {
            throw new IllegalArgumentException("step must be > 0 and cannot be combined with log, but got (step=" + step + ", log=" + log + ")");
        }
        if (gridCount != null && gridCount < 1) {
            throw new IllegalArgumentException("count >= 1 must hold, but got (count=" + gridCount + ")");
        }
    }

    public static FloatDistribution uniform(double low, double high) {
        return new FloatDistribution(low, high, false, null, null);
    }

    public static FloatDistribution logUniform(double low, double high) {
        return new FloatDistribution(low, high, true, null, null);
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Number n)) {
            return false;
        }
        double v = n.doubleValue();
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (step != null) {
            double k = (v - low) / step;
            return Math.abs(k - Math.rint(k)) < 1e-6;
        }
        return true;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }
}
