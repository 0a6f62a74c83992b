package dev.sweep.search.pruner;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * Asynchronous successive halving (Li et al. 2020; Optuna's {@code SuccessiveHalvingPruner}). Rungs sit at
 * steps {@code minIter·eta^(rate+k)} (below {@code maxIter} when given). When a trial first reports at or past
 * a rung, its value there is compared with the values every other trial had when it reached that rung: it
 * continues only if it is among the best {@code max(1, ⌊n/eta⌋)} of the {@code n} values (its own included),
 * so for the first few trials only a new best goes on, as in Optuna. A trial is judged at each rung once, at
 * the first step it reports at or past it; a NaN value there stops it.
 */
public final class AshaPruner implements Pruner {

    private final long minIter;
    private final int eta;
    private final Long maxIter;
    private final int rate;

    /** @param rate the minimum early-stopping rate: the first rung is {@code minIter·eta^rate} */
    public AshaPruner(long minIter, int eta, Integer maxIter, int rate) {
        if (minIter < 1 || eta < 2 || rate < 0) {
            throw new IllegalArgumentException("min_iter >= 1, eta >= 2 and rate >= 0 must hold, but got (min_iter="
                    + minIter + ", eta=" + eta + ", rate=" + rate + ")");
        }
        this.minIter = minIter;
        this.eta = eta;
        this.maxIter = maxIter == null ? null : maxIter.longValue();
        this.rate = rate;
    }

    public AshaPruner(long minIter, int eta, Integer maxIter) {
        this(minIter, eta, maxIter, 0);
    }

    @Override
    public boolean shouldPrune(TrialView trial, long step, List<TrialView> others, Goal goal) {
        Double value = trial.intermediate().get(step);
        if (value == null) {
            return false;
        }
        SortedMap<Long, Double> before = trial.intermediate().headMap(step);
        long previous = before.isEmpty() ? Long.MIN_VALUE : before.lastKey();
        for (long rung : rungs(step)) {
            if (previous >= rung) {
                continue;
            }
            if (value.isNaN()) {
                return true;
            }
            List<Double> competing = new ArrayList<>();
            competing.add(loss(value, goal));
            for (TrialView t : others) {
                Double v = rungValue(t.intermediate(), rung);
                if (v != null) {
                    competing.add(loss(v, goal));
                }
            }
            if (!promotable(loss(value, goal), competing)) {
                return true;
            }
        }
        return false;
    }

    /** The rungs at or below {@code step}, in order. */
    List<Long> rungs(long step) {
        List<Long> out = new ArrayList<>();
        long r = minIter;
        for (int i = 0; i < rate; i++) {
            r = Math.multiplyHigh(r, eta) != 0 ? Long.MAX_VALUE : r * eta;
        }
        while (r <= step && (maxIter == null || r < maxIter)) {
            out.add(r);
            if (Math.multiplyHigh(r, eta) != 0 || r * eta < 0) {
                break;
            }
            r *= eta;
        }
        return out;
    }

    /** The value a trial had when it reached {@code rung}: at the first step it reported at or past it. */
    static Double rungValue(SortedMap<Long, Double> curve, long rung) {
        SortedMap<Long, Double> tail = curve.tailMap(rung);
        return tail.isEmpty() ? null : tail.get(tail.firstKey());
    }

    private boolean promotable(double loss, List<Double> competing) {
        Collections.sort(competing);
        int idx = Math.max(0, competing.size() / eta - 1);
        return loss <= competing.get(idx);
    }

    private static double loss(double v, Goal goal) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : goal.toLoss(v);
    }

    @Override
    public String toString() {
        return "AshaPruner(min_iter=" + minIter + ", eta=" + eta + ", max_iter=" + maxIter + ", rate=" + rate + ")";
    }
}
