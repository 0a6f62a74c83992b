package dev.sweep.dashboards.view;

import dev.sweep.dashboards.svg.Fmt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How one parameter's values map onto a chart axis: each distinct value is its own bin when there are few
 * ({@link #MAX_DISTINCT}) or they are not numbers; otherwise {@link #BINS} equal-width bins, in log space when
 * the values are positive, span at least a factor of {@link #LOG_SPAN} and spread evenly on a log axis.
 */
public final class Binning {
    public static final int MAX_DISTINCT = 10;
    public static final int BINS = 6;
    public static final double LOG_SPAN = 20;

    private final List<String> labels;
    private final TreeMap<String, Integer> categories;
    private final double low;
    private final double high;
    private final boolean log;
    private final List<Double> exact;

    private Binning(List<String> labels, TreeMap<String, Integer> categories, List<Double> exact, double low,
                    double high, boolean log) {
        this.labels = List.copyOf(labels);
        this.categories = categories;
        this.exact = exact;
        this.low = low;
        this.high = high;
        this.log = log;
    }

    /** Bins for the observed values of one parameter (nulls ignored). */
    public static Binning of(Collection<?> values) {
        List<Double> nums = new ArrayList<>();
        TreeSet<String> texts = new TreeSet<>();
        boolean allNumbers = true;
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                nums.add(n.doubleValue());
            } else {
                allNumbers = false;
            }
            texts.add(String.valueOf(v));
        }
        if (!allNumbers) {
            TreeMap<String, Integer> cats = new TreeMap<>();
            List<String> labels = new ArrayList<>(texts);
            for (int i = 0; i < labels.size(); i++) {
                cats.put(labels.get(i), i);
            }
            return new Binning(labels, cats, null, 0, 0, false);
        }
        TreeSet<Double> distinct = new TreeSet<>(nums);
        if (distinct.size() <= MAX_DISTINCT) {
            List<Double> exact = new ArrayList<>(distinct);
            List<String> labels = exact.stream().map(Fmt::num).toList();
            return new Binning(labels, null, exact, 0, 0, false);
        }
        double lo = distinct.first();
        double hi = distinct.last();
        boolean log = lo > 0 && hi / lo >= LOG_SPAN && looksLogSpread(nums, lo, hi);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            labels.add(Fmt.sig(edge(lo, hi, log, i), 2) + "–" + Fmt.sig(edge(lo, hi, log, i + 1), 2));
        }
        return new Binning(labels, null, null, lo, hi, log);
    }

    /** True when every distinct value is its own bin (no ranges). */
    public boolean exact() {
        return exact != null || categories != null;
    }

    /** True when the values are not all numbers (text, booleans). */
    public boolean categorical() {
        return categories != null;
    }

    public List<String> labels() {
        return labels;
    }

    /** The bin of {@code value}, or -1 when it has none (null, or not seen when the bins were made). */
    public int bin(Object value) {
        if (value == null) {
            return -1;
        }
        if (categories != null) {
            return categories.getOrDefault(String.valueOf(value), -1);
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return -1;
        }
        double d = n.doubleValue();
        if (exact != null) {
            for (int i = 0; i < exact.size(); i++) {
                if (Double.compare(exact.get(i), d) == 0) {
                    return i;
                }
            }
            return -1;
        }
        double t = log ? (Math.log(d) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (d - low) / (high - low);
        if (t < -1e-9 || t > 1 + 1e-9) {
            return -1;
        }
        return Math.min(BINS - 1, Math.max(0, (int) Math.floor(t * BINS)));
    }

    /**
     * True when the values sit more evenly on a log axis than on a linear one (their median is nearer the middle
     * of the log range): a log-uniform learning rate, not a uniform dropout that happens to start near zero.
     */
    static boolean looksLogSpread(List<Double> values, double lo, double hi) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double linear = (median - lo) / (hi - lo);
        double logarithmic = (Math.log(median) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
        return Math.abs(logarithmic - 0.5) < Math.abs(linear - 0.5);
    }

    private static double edge(double lo, double hi, boolean log, int i) {
        double t = (double) i / BINS;
        return log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
    }
}
