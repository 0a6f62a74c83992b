package dev.sweep.search.space;

/**
 * An integer range [low, high] with a step (from low), optionally log-scaled.
 *
 * @param gridCount how many points a grid search takes (null: every step)
 */
public record IntDistribution(long low, long high, boolean log, long step, Integer gridCount) implements Distribution {

    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException("low <= high must hold, but got (low=" + low + ", high=" + high + ")");
        }
        if (step < 1) {
            throw new IllegalArgumentException("step >= 1 must hold, but got (step=" + step + ")");
        }
        if (log && (low < 1 || step != 1)) {
            throw new IllegalArgumentException("a log int distribution needs low >= 1 and step == 1, but got (low=" + low + ", step=" + step + ")");
        }
        if (gridCount != null && gridCount < 1) {
            throw new IllegalArgumentException("count >= 1 must hold, but got (count=" + gridCount + ")");
        }
    }

    public static IntDistribution of(long low, long high) {
        return new IntDistribution(low, high, false, 1, null);
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            return false;
        }
        long v = n.longValue();
        return v >= low && v <= high && (v - low) % step == 0;
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }
}
