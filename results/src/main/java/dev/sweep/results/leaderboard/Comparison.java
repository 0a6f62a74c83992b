package dev.sweep.results.leaderboard;

import dev.sweep.search.study.Goal;
import java.util.List;

/**
 * The sweep's trials grouped by one param's value, each group against the best one (the group with the best mean).
 * Per group: the COMPLETE trials' {@link Summary}; the best trial, the step (and epoch, when the curves hold an
 * {@code epoch} metric) at which its curve of the sweep metric was best; the mean final train and validation loss
 * ({@code train_loss}, {@code val_loss}: the trial's final metric, else the last curve point); pruned and failed
 * counts; and, where the groups share seeds (repeats), a paired test against the best group.
 */
public record Comparison(long sweepId, String sweep, String metric, Goal goal, String param, List<Group> groups,
                         Object bestValue, StateCounts counts) {

    public Comparison {
        groups = List.copyOf(groups);
    }

    /** One value of the param. Numbers are NaN and references null where there is nothing to report. */
    public record Group(Object value, Summary summary, Integer bestTrial, Long bestStep, Double bestEpoch,
                       double finalTrainLoss, double finalValLoss, int pruned, int failed, boolean best,
                       PairedTest test) {
    }

    /**
     * A paired comparison with the best group over the seeds both groups ran (values of one seed averaged within a
     * group): the mean difference (this − best), a paired t-test and a Wilcoxon signed-rank test (exact for up to
     * 30 pairs), both two-sided p-values from commons-math3; NaN where a test is undefined (e.g. no spread).
     */
    public record PairedTest(int pairs, double meanDifference, double tTestP, double wilcoxonP) {
    }
}
