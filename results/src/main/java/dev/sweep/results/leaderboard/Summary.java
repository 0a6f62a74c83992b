package dev.sweep.results.leaderboard;

import dev.sweep.search.study.Goal;
import java.util.Collection;

/**
 * A group of values: how many, the best by the goal, the mean and the sample standard deviation (NaN for fewer than
 * two values). Best and mean are NaN for an empty group.
 */
public record Summary(int n, double best, double mean, double std) {

    public static Summary of(Collection<Double> values, Goal goal) {
        int n = values.size();
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double best = Double.NaN;
        double sum = 0;
        for (double v : values) {
            sum += v;
            if (Double.isNaN(best) || goal.better(v, best)) {
                best = v;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1));
        return new Summary(n, best, mean, std);
    }

    public boolean isEmpty() {
        return n == 0;
    }
}
