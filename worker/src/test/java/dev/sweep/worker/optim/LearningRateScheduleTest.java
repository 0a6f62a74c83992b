package dev.sweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static LearningRateSchedule schedule(String kind) {
        return new LearningRateSchedule(kind, 1.0, 2, 10, true, 2, 0.5);
    }

    @Test
    void warmupRisesLinearlyThenEachScheduleDecays() {
        for (String kind : LearningRateSchedule.NAMES) {
            assertEquals(0.5, schedule(kind).lr(1), 1e-12, kind);
            assertEquals(1.0, schedule(kind).lr(2), 1e-12, kind);
            assertEquals(1.0, schedule(kind).lr(3), 1e-12, kind + ": the first step after warmup gets the base");
        }
        assertEquals(1.0, schedule("constant").lr(9), 1e-12);
        assertEquals(1 - 4.0 / 8, schedule("linear").lr(7), 1e-12);
        assertEquals(1 - 7.0 / 8, schedule("linear").lr(10), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 4 / 8)), schedule("cosine").lr(7), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 7 / 8)), schedule("cosine").lr(10), 1e-12);
    }

    @Test
    void reduceOnPlateauHalvesAfterPatienceEvaluationsWithoutImprovement() {
        LearningRateSchedule s = schedule("reduce_on_plateau");
        s.onEvaluation(0.5);
        s.onEvaluation(0.6);
        s.onEvaluation(0.6);
        s.onEvaluation(0.59);
        assertEquals(1.0, s.lr(5), 1e-12, "two evaluations without improvement are within patience");
        s.onEvaluation(0.55);
        assertEquals(0.5, s.lr(5), 1e-12);
        LearningRateSchedule min = new LearningRateSchedule("reduce_on_plateau", 1.0, 0, 10, false, 0, 0.5);
        min.onEvaluation(1.0);
        min.onEvaluation(0.9);
        assertEquals(1.0, min.lr(1), 1e-12, "lower is better when minimizing");
        min.onEvaluation(0.95);
        assertEquals(0.5, min.lr(1), 1e-12);
    }

    @Test
    void warmupFromStepsOrRatio() {
        assertEquals(10, LearningRateSchedule.warmupSteps(null, 0.1, 95));
        assertEquals(7, LearningRateSchedule.warmupSteps(7L, 0.5, 95));
        assertEquals(0, LearningRateSchedule.warmupSteps(null, 0.0, 95));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupSteps(null, 1.5, 95));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule("step", 1.0, 0, 10, true, 2, 0.5));
        assertEquals("schedule must be one of [constant, linear, cosine, reduce_on_plateau], but got 'step'",
                e.getMessage());
    }
}
