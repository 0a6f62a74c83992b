package dev.sweep.worker.optim;

import java.util.List;
import java.util.Locale;

/**
 * Learning rate per optimizer step: linear warmup (step k of W gets base·k/W), then constant, linear decay or cosine
 * decay from the base towards 0 (the first step after warmup gets the base, the last step base/(total−W) for linear), or reduce-on-plateau (halve after {@code patience} evaluations without
 * improvement of the sweep metric, floor 1e-3 of the base). Steps are 1-based: step 1 is the first update.
 */
public final class LearningRateSchedule {

    public static final List<String> NAMES = List.of("constant", "linear", "cosine", "reduce_on_plateau");

    private final String kind;
    private final double baseLr;
    private final long warmupSteps;
    private final long totalSteps;
    private final boolean maximize;
    private final int patience;
    private final double factor;
    private double plateauScale = 1.0;
    private double best = Double.NaN;
    private int badEvals;

    public LearningRateSchedule(String kind, double baseLr, long warmupSteps, long totalSteps, boolean maximize,
                                int patience, double factor) {
        this.kind = kind.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(this.kind)) {
            throw new IllegalArgumentException("schedule must be one of " + NAMES + ", but got '" + kind + "'");
        }
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("learning_rate > 0 and finite must hold, but got " + baseLr);
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("warmup_steps >= 0 and total steps >= 1 must hold, but got (warmup="
                    + warmupSteps + ", total=" + totalSteps + ")");
        }
        if (patience < 0 || !(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("patience >= 0 and 0 < factor < 1 must hold, but got (patience="
                    + patience + ", factor=" + factor + ")");
        }
        this.baseLr = baseLr;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.maximize = maximize;
        this.patience = patience;
        this.factor = factor;
    }

    /** Warmup steps from a count, else from a ratio of the total ({@code ceil(ratio·total)}). */
    public static long warmupSteps(Long steps, double ratio, long total) {
        if (steps != null) {
            if (steps < 0) {
                throw new IllegalArgumentException("warmup_steps >= 0 must hold, but got " + steps);
            }
            return steps;
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("warmup_ratio in [0, 1] must hold, but got " + ratio);
        }
        return (long) Math.ceil(ratio * total);
    }

    /** The learning rate for 1-based optimizer step {@code step}. */
    public double lr(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step >= 1 must hold, but got " + step);
        }
        if (step <= warmupSteps) {
            return baseLr * step / warmupSteps;
        }
        double progress = totalSteps > warmupSteps
                ? Math.min(1.0, (double) (step - warmupSteps - 1) / (totalSteps - warmupSteps)) : 1.0;
        return switch (kind) {
            case "constant" -> baseLr;
            case "linear" -> baseLr * (1.0 - progress);
            case "cosine" -> baseLr * 0.5 * (1.0 + Math.cos(Math.PI * progress));
            case "reduce_on_plateau" -> baseLr * plateauScale;
            default -> throw new IllegalStateException("unreachable: " + kind);
        };
    }

    /** Tells the schedule an evaluation's sweep-metric value (only reduce_on_plateau reacts). */
    public void onEvaluation(double metric) {
        if (!kind.equals("reduce_on_plateau") || Double.isNaN(metric)) {
            return;
        }
        boolean better = Double.isNaN(best) || (maximize ? metric > best : metric < best);
        if (better) {
            best = metric;
            badEvals = 0;
        } else if (++badEvals > patience) {
            plateauScale = Math.max(1e-3, plateauScale * factor);
            badEvals = 0;
        }
    }
}
