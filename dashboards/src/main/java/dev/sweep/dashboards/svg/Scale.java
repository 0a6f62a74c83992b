package dev.sweep.dashboards.svg;

import java.util.ArrayList;
import java.util.List;

/** Maps a numeric domain onto a pixel range, with readable tick values. */
public sealed interface Scale permits Scale.Linear, Scale.Log {

    double apply(double value);

    /** Tick values inside the domain, about {@code count} of them. */
    List<Double> ticks(int count);

    double domainLow();

    double domainHigh();

    /**
     * A linear scale; an empty domain (low == high) is widened by one unit either side so it still draws.
     * {@code nice} extends the domain to round tick values.
     */
    static Scale linear(double low, double high, double rangeLow, double rangeHigh, boolean nice) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("low <= high must hold, but got (low=" + low + ", high=" + high + ")");
        }
        if (low == high) {
            double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
            low -= pad;
            high += pad;
        }
        if (nice) {
            double step = niceStep((high - low) / 5);
            low = Math.floor(low / step) * step;
            high = Math.ceil(high / step) * step;
        }
        return new Linear(low, high, rangeLow, rangeHigh);
    }

    /** A base-10 log scale over positive values. */
    static Scale log(double low, double high, double rangeLow, double rangeHigh) {
        if (!(low > 0 && low <= high)) {
            throw new IllegalArgumentException("0 < low <= high must hold for a log scale, but got (low=" + low
                    + ", high=" + high + ")");
        }
        if (low == high) {
            low /= 10;
            high *= 10;
        }
        return new Log(low, high, rangeLow, rangeHigh);
    }

    /** A round step (1, 2 or 5 × 10^k) near {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nf * mag;
    }

    record Linear(double domainLow, double domainHigh, double rangeLow, double rangeHigh) implements Scale {
        @Override
        public double apply(double value) {
            return rangeLow + (value - domainLow) / (domainHigh - domainLow) * (rangeHigh - rangeLow);
        }

        @Override
        public List<Double> ticks(int count) {
            double step = niceStep((domainHigh - domainLow) / Math.max(1, count));
            List<Double> out = new ArrayList<>();
            double first = Math.ceil(domainLow / step - 1e-9) * step;
            for (double v = first; v <= domainHigh + step * 1e-9; v += step) {
                out.add(Math.abs(v) < step * 1e-9 ? 0.0 : Double.parseDouble(Fmt.sig(v, 12)));
            }
            return out;
        }
    }

    record Log(double domainLow, double domainHigh, double rangeLow, double rangeHigh) implements Scale {
        @Override
        public double apply(double value) {
            double lo = Math.log10(domainLow);
            double hi = Math.log10(domainHigh);
            return rangeLow + (Math.log10(value) - lo) / (hi - lo) * (rangeHigh - rangeLow);
        }

        @Override
        public List<Double> ticks(int count) {
            List<Double> out = new ArrayList<>();
            int lo = (int) Math.ceil(Math.log10(domainLow) - 1e-9);
            int hi = (int) Math.floor(Math.log10(domainHigh) + 1e-9);
            int stride = Math.max(1, (hi - lo + 1 + count - 1) / Math.max(1, count));
            for (int e = lo; e <= hi; e += stride) {
                out.add(Double.parseDouble("1e" + e));
            }
            if (out.size() < 2) {
                out.clear();
                out.add(domainLow);
                out.add(domainHigh);
            }
            return out;
        }
    }
}
