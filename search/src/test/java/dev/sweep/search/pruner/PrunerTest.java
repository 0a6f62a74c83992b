package dev.sweep.search.pruner;

import static dev.sweep.search.study.TrialViews.aCompletedTrial;
import static dev.sweep.search.study.TrialViews.aRunningTrial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.PrunerSpec;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pruner decisions on scripted learning curves, each expectation worked out by hand in the comments. */
class PrunerTest {

    private static final Goal MIN = Goal.MINIMIZE;

    private static TrialView running(int number, double... curve) {
        return aRunningTrial(number).withCurve(curve).build();
    }

    // ---- median: completed curves A (5, 4, 3), B (7, 6, 5), C (3, 2, 1); at step 2 the median is 4

    private final List<TrialView> medianOthers = List.of(
            aCompletedTrial(0, 3).withCurve(5, 4, 3).build(),
            aCompletedTrial(1, 5).withCurve(7, 6, 5).build(),
            aCompletedTrial(2, 1).withCurve(3, 2, 1).build(),
            running(3, 100, 100));

    @Test
    void medianStopsATrialWhoseBestSoFarIsWorseThanTheMedian() {
        MedianPruner p = new MedianPruner(2, 2);
        assertFalse(p.shouldPrune(running(9, 10), 1, medianOthers, MIN), "step 1 < min_iter 2");
        assertTrue(p.shouldPrune(running(9, 10, 5), 2, medianOthers, MIN), "best 5 > median 4");
        assertFalse(p.shouldPrune(running(9, 10, 4), 2, medianOthers, MIN), "best 4 is not worse than median 4");
        assertFalse(p.shouldPrune(running(9, 3.5, 4.5), 2, medianOthers, MIN), "best so far 3.5 < 4");
        assertTrue(p.shouldPrune(running(9, 10, 5, 3.5), 3, medianOthers, MIN), "median at step 3 is 3 < 3.5");
        assertTrue(p.shouldPrune(running(9, Double.NaN, Double.NaN), 2, medianOthers, MIN), "only NaN");
    }

    @Test
    void medianWaitsForItsWarmupTrialsAndCountsOnlyCompletedOnes() {
        MedianPruner p = new MedianPruner(1, 4);
        assertFalse(p.shouldPrune(running(9, 10, 50), 2, medianOthers, MIN), "3 completed < 4 warm-up trials");
        List<TrialView> one = List.of(aCompletedTrial(0, 1).withCurve(1, 1).build(), running(3, 0.1, 0.1));
        assertTrue(new MedianPruner(1, 1).shouldPrune(running(9, 2, 2), 2, one, MIN), "the running 0.1 does not count");
    }

    @Test
    void medianRespectsMaximisation() {
        MedianPruner p = new MedianPruner(1, 1);
        assertTrue(p.shouldPrune(running(9, 3), 1, medianOthers, Goal.MAXIMIZE), "best 3 < median of (5, 7, 3) = 5");
        assertFalse(p.shouldPrune(running(9, 6), 1, medianOthers, Goal.MAXIMIZE), "6 > 5");
    }

    @Test
    void medianUsesTheLatestValueWhenStepsDoNotLineUp() {
        List<TrialView> others = List.of(
                aCompletedTrial(0, 1).at(10, 2.0).at(20, 1.0).build(),
                aCompletedTrial(1, 1).at(10, 4.0).at(20, 3.0).build(),
                aCompletedTrial(2, 1).at(10, 0.5).build());
        // at step 15: trials 0 and 1 reached 20, so their values at 15 are 2 and 4 (median 3); trial 2 stopped at 10
        assertTrue(new MedianPruner(1, 1).shouldPrune(aRunningTrial(9).at(15, 3.5).build(), 15, others, MIN));
        assertFalse(new MedianPruner(1, 1).shouldPrune(aRunningTrial(9).at(15, 2.5).build(), 15, others, MIN));
    }

    // ---- ASHA with min_iter 1, eta 3: rungs at 1, 3, 9

    private final List<TrialView> ashaOthers = List.of(
            running(0, 0.5, 0.45, 0.4), running(1, 0.9, 0.85, 0.8), running(2, 0.7),
            running(3, 0.6), aCompletedTrial(4, 0.8).withCurve(0.8).build());

    @Test
    void ashaKeepsTheTopThirdAtEachRung() {
        AshaPruner p = new AshaPruner(1, 3, null);
        // rung 1: values 0.5 0.6 0.65 0.7 0.8 0.9, n = 6: the best 6/3 = 2 go on, i.e. up to 0.6
        assertTrue(p.shouldPrune(running(9, 0.65), 1, ashaOthers, MIN));
        assertFalse(p.shouldPrune(running(9, 0.55), 1, ashaOthers, MIN), "0.5 0.55 | ...: second best goes on");
        assertFalse(p.shouldPrune(running(9, 0.55, 5.0), 2, ashaOthers, MIN), "step 2 is no rung");
        // rung 3: trials 0 and 1 reached it with 0.4 and 0.8; n = 3 → only the best goes on
        assertTrue(p.shouldPrune(running(9, 0.55, 0.5, 0.45), 3, ashaOthers, MIN));
        assertFalse(p.shouldPrune(running(9, 0.55, 0.5, 0.35), 3, ashaOthers, MIN));
    }

    @Test
    void ashaJudgesEveryRungCrossedAtOnceAndRespectsMaxIterAndGoal() {
        AshaPruner p = new AshaPruner(1, 3, null);
        // first report at step 4 crosses rungs 1 and 3: 0.45 is second best at rung 1 but loses to 0.4 at rung 3
        assertTrue(p.shouldPrune(aRunningTrial(9).at(4, 0.45).build(), 4, ashaOthers, MIN));
        assertFalse(p.shouldPrune(aRunningTrial(9).at(4, 0.35).build(), 4, ashaOthers, MIN));
        assertFalse(p.shouldPrune(running(9, 100), 1, List.of(), MIN), "the very first trial always goes on");
        assertFalse(new AshaPruner(1, 3, 3).shouldPrune(running(9, 0.55, 0.5, 0.45), 3, ashaOthers, MIN),
                "no rung at max_iter");
        // maximising at rung 1: 0.9 0.85 | 0.8 0.7 0.6 0.5 — 0.85 goes on, 0.65 (fourth) does not
        assertFalse(p.shouldPrune(running(9, 0.85), 1, ashaOthers, Goal.MAXIMIZE));
        assertTrue(p.shouldPrune(running(9, 0.65), 1, ashaOthers, Goal.MAXIMIZE));
    }

    // ---- hyperband with min_iter 1, eta 3, max_iter 27: 4 brackets, budgets 27, 12, 6, 4

    @Test
    void hyperbandSpreadsTrialsOverBracketsByBudgetDeterministically() {
        HyperbandPruner p = new HyperbandPruner(1, 3, 27);
        assertEquals(4, p.bracketCount());
        Map<Integer, Integer> counts = new HashMap<>();
        for (int n = 0; n < 2000; n++) {
            assertEquals(p.bracket(n), new HyperbandPruner(1, 3, 27).bracket(n));
            counts.merge(p.bracket(n), 1, Integer::sum);
        }
        assertEquals(4, counts.size());
        assertTrue(counts.get(0) > counts.get(1) && counts.get(1) > counts.get(2) && counts.get(2) > counts.get(3), counts.toString());
        assertThrows(IllegalArgumentException.class, () -> Pruners.create(new PrunerSpec("hyperband", 1, 3, null, 0)));
    }

    @Test
    void hyperbandTrialsCompeteOnlyWithinTheirBracket() {
        HyperbandPruner p = new HyperbandPruner(1, 3, 27);
        List<Integer> inZero = new ArrayList<>();
        List<Integer> inOther = new ArrayList<>();
        List<Integer> inOne = new ArrayList<>();
        for (int n = 0; inZero.size() < 2 || inOther.size() < 3 || inOne.isEmpty(); n++) {
            int b = p.bracket(n);
            (b == 0 ? inZero : inOther).add(n);
            if (b == 1) {
                inOne.add(n);
            }
        }
        List<TrialView> betterElsewhere = inOther.stream().map(n -> running(n, 0.1)).toList();
        assertFalse(p.shouldPrune(running(inZero.get(0), 0.9), 1, betterElsewhere, MIN), "alone in bracket 0");
        List<TrialView> withRival = new ArrayList<>(betterElsewhere);
        withRival.add(running(inZero.get(1), 0.1));
        assertTrue(p.shouldPrune(running(inZero.get(0), 0.9), 1, withRival, MIN), "a better rival in bracket 0");
        List<TrialView> rivalsOfOne = inOther.stream().filter(n -> !n.equals(inOne.get(0))).map(n -> running(n, 0.1, 0.1)).toList();
        assertFalse(p.shouldPrune(running(inOne.get(0), 0.9), 1, rivalsOfOne, MIN), "bracket 1's first rung is 3");
    }

    @Test
    void prunersAreMadeFromTheSweepFile() {
        assertTrue(Pruners.create(new PrunerSpec("median", 3, 3, null, 5)) instanceof MedianPruner);
        assertTrue(Pruners.create(new PrunerSpec("ASHA", 1, 3, 27, 0)) instanceof AshaPruner);
        assertTrue(Pruners.create(new PrunerSpec("hyperband", 1, 3, 27, 0)) instanceof HyperbandPruner);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pruners.create(new PrunerSpec("percentile", 1, 3, null, 0)));
        assertTrue(e.getMessage().contains("'percentile'"), e.getMessage());
    }
}
