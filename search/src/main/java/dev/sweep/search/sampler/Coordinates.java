package dev.sweep.search.sampler;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import java.math.BigDecimal;

/**
 * Maps values of a distribution to and from the unit interval, the common coordinate system of every sampler:
 * linear ranges linearly, log ranges in log space, quantised ranges (ints, {@code step}) as equal-width cells
 * (a value's coordinate is its cell's centre), log ints in log space over [low − ½, high + ½] then rounded,
 * categoricals as equal-width cells over their choices. Every value produced lies inside its distribution.
 */
public final class Coordinates {

    private Coordinates() {
    }

    /** The value at unit coordinate {@code u} (clamped into [0, 1]). */
    public static Object toValue(Distribution d, double u) {
        double t = Double.isNaN(u) ? 0.5 : Math.min(1.0, Math.max(0.0, u));
        if (d instanceof FloatDistribution f) {
            return floatValue(f, t);
        }
        if (d instanceof IntDistribution i) {
            return intValue(i, t);
        }
        CategoricalDistribution c = (CategoricalDistribution) d;
        return c.choices().get(cell(t, c.choices().size()));
    }

    /** The unit coordinate of {@code value}, which must lie in {@code d}. */
    public static double toUnit(Distribution d, Object value) {
        if (!d.contains(value)) {
            throw new IllegalArgumentException("value " + value + " is outside " + d);
        }
        if (d instanceof FloatDistribution f) {
            return floatUnit(f, ((Number) value).doubleValue());
        }
        if (d instanceof IntDistribution i) {
            return intUnit(i, ((Number) value).longValue());
        }
        CategoricalDistribution c = (CategoricalDistribution) d;
        return (c.indexOf(value) + 0.5) / c.choices().size();
    }

    /** Moves {@code u} to the coordinate of the value it maps to (a cell centre for quantised ranges). */
    public static double snap(Distribution d, double u) {
        if (d instanceof FloatDistribution f && f.step() == null) {
            return Math.min(1.0, Math.max(0.0, u));
        }
        return toUnit(d, toValue(d, u));
    }

    /** How many values a quantised or categorical distribution has; 0 for continuous ones (and log ints). */
    public static long cells(Distribution d) {
        if (d instanceof FloatDistribution f) {
            return f.step() == null ? (f.isSingle() ? 1 : 0) : floatCells(f);
        }
        if (d instanceof IntDistribution i) {
            return i.log() ? (i.isSingle() ? 1 : 0) : (i.high() - i.low()) / i.step() + 1;
        }
        return ((CategoricalDistribution) d).choices().size();
    }

    /** {@code low + k·step} computed in decimal, so 0.1 + 2·0.1 is 0.3 and not 0.30000000000000004. */
    public static double stepValue(double low, double step, long k) {
        return BigDecimal.valueOf(low).add(BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(k))).doubleValue();
    }

    private static int cell(double t, long n) {
        return (int) Math.min(n - 1, (long) Math.floor(t * n));
    }

    private static long floatCells(FloatDistribution f) {
        return (long) Math.floor((f.high() - f.low()) / f.step() + 1e-9) + 1;
    }

    private static Double floatValue(FloatDistribution f, double t) {
        if (f.isSingle()) {
            return f.low();
        }
        double v;
        if (f.step() != null) {
            v = stepValue(f.low(), f.step(), cell(t, floatCells(f)));
        } else if (f.log()) {
            v = Math.exp(Math.log(f.low()) + t * (Math.log(f.high()) - Math.log(f.low())));
        } else {
            v = f.low() + t * (f.high() - f.low());
        }
        return Math.min(f.high(), Math.max(f.low(), v));
    }

    private static double floatUnit(FloatDistribution f, double v) {
        if (f.isSingle()) {
            return 0.5;
        }
        if (f.step() != null) {
            long k = Math.round((v - f.low()) / f.step());
            return (k + 0.5) / floatCells(f);
        }
        if (f.log()) {
            return (Math.log(v) - Math.log(f.low())) / (Math.log(f.high()) - Math.log(f.low()));
        }
        return (v - f.low()) / (f.high() - f.low());
    }

    private static Long intValue(IntDistribution i, double t) {
        if (i.isSingle()) {
            return i.low();
        }
        if (i.log()) {
            double lo = Math.log(i.low() - 0.5);
            double hi = Math.log(i.high() + 0.5);
            long v = Math.round(Math.exp(lo + t * (hi - lo)));
            return Math.min(i.high(), Math.max(i.low(), v));
        }
        long n = (i.high() - i.low()) / i.step() + 1;
        return i.low() + cell(t, n) * i.step();
    }

    private static double intUnit(IntDistribution i, long v) {
        if (i.isSingle()) {
            return 0.5;
        }
        if (i.log()) {
            double lo = Math.log(i.low() - 0.5);
            double hi = Math.log(i.high() + 0.5);
            return (Math.log(v) - lo) / (hi - lo);
        }
        long n = (i.high() - i.low()) / i.step() + 1;
        return ((v - i.low()) / i.step() + 0.5) / n;
    }
}
