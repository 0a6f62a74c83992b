package dev.sweep.search.study;

import java.util.Locale;

/** Whether the sweep's metric is minimised or maximised. */
public enum Goal {
    MINIMIZE, MAXIMIZE;

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }

    /** Turns a metric value into a loss (lower is better) for samplers that always minimise. */
    public double toLoss(double value) {
        return this == MINIMIZE ? value : -value;
    }

    public static Goal parse(String s) {
        return Goal.valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
