package dev.sweep.search.pruner;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Hyperband as brackets of asynchronous successive halving (Optuna's {@code HyperbandPruner}, with W&amp;B's keys
 * {@code min_iter}, {@code eta}, {@code max_iter}). There are {@code s = ⌊log_eta(max_iter/min_iter)⌋ + 1}
 * brackets; bracket {@code b} is an {@link AshaPruner} whose first rung is {@code min_iter·eta^b}, and trials only
 * compete within their bracket. A trial's bracket is fixed by its number: CRC-32 of the number's decimal
 * digits modulo the total budget, walked over the brackets' budgets ⌈s·eta^(s−1−b)/(s−b)⌉, so aggressive
 * brackets get more trials.
 */
public final class HyperbandPruner implements Pruner {

    private final List<AshaPruner> brackets = new ArrayList<>();
    private final List<Integer> budgets = new ArrayList<>();
    private final int totalBudget;

    public HyperbandPruner(long minIter, int eta, Integer maxIter) {
        if (maxIter == null) {
            throw new IllegalArgumentException("hyperband needs max_iter (the longest a trial runs), but got none");
        }
        if (minIter < 1 || eta < 2 || maxIter < minIter) {
            throw new IllegalArgumentException("1 <= min_iter <= max_iter and eta >= 2 must hold, but got (min_iter="
                    + minIter + ", eta=" + eta + ", max_iter=" + maxIter + ")");
        }
        int n = 0;
        for (long r = minIter; r <= maxIter; r *= eta) {
            n++;
        }
        int total = 0;
        for (int b = 0; b < n; b++) {
            int s = n - 1 - b;
            int budget = (int) Math.ceil(n * Math.pow(eta, s) / (s + 1));
            budgets.add(budget);
            total += budget;
            brackets.add(new AshaPruner(minIter, eta, maxIter, b));
        }
        this.totalBudget = total;
    }

    public int bracketCount() {
        return brackets.size();
    }

    /** The bracket of trial {@code number}. */
    public int bracket(int number) {
        CRC32 crc = new CRC32();
        crc.update(Integer.toString(number).getBytes(StandardCharsets.US_ASCII));
        long n = crc.getValue() % totalBudget;
        for (int b = 0; b < budgets.size(); b++) {
            n -= budgets.get(b);
            if (n < 0) {
                return b;
            }
        }
        throw new IllegalStateException("unreachable: no bracket for trial " + number);
    }

    @Override
    public boolean shouldPrune(TrialView trial, long step, List<TrialView> others, Goal goal) {
        int b = bracket(trial.number());
        List<TrialView> same = others.stream().filter(t -> bracket(t.number()) == b).toList();
        return brackets.get(b).shouldPrune(trial, step, same, goal);
    }

    @Override
    public String toString() {
        return "HyperbandPruner(brackets=" + brackets + ", budgets=" + budgets + ")";
    }
}
