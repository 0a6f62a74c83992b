package dev.sweep.worker.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.testfunctions.TestFunctions;
import dev.sweep.worker.RecordingContext;
import dev.sweep.worker.task.TaskOutcome;
import dev.sweep.worker.task.TrialFailedException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticTaskTest {
    @TempDir
    Path dir;

    private final SyntheticTask task = new SyntheticTask();

    private static TrialSpec trial(Map<String, Object> params, long seed, Map<String, Object> settings) {
        return new TrialSpec(1, 1, "s", 0, params, seed, "synthetic", settings);
    }

    private TaskOutcome run(TrialSpec t, RecordingContext ctx) throws Exception {
        return task.run(t, ctx);
    }

    @Test
    void eachFunctionGivesItsValueAtTheLastStep() throws Exception {
        Map<String, Object> branin = Map.of("x1", Math.PI, "x2", 2.275);
        assertEquals(TestFunctions.branin().optimum(),
                run(trial(branin, 1, Map.of("function", "branin")), ctx()).metrics().get("value"), 1e-9);

        Map<String, Object> h6 = Map.of("x1", 0.20169, "x2", 0.150011, "x3", 0.476874, "x4", 0.275332,
                "x5", 0.311652, "x6", 0.6573);
        assertEquals(TestFunctions.hartmann6().optimum(),
                run(trial(h6, 1, Map.of("function", "hartmann6", "steps", 5)), ctx()).metrics().get("value"), 1e-4);

        Map<String, Object> r4 = Map.of("x1", 1.0, "x2", 1.0, "x3", 1.0, "x4", 0.5);
        double expected = TestFunctions.rosenbrock(4).value(new double[] {1, 1, 1, 0.5});
        assertEquals(expected, run(trial(r4, 1, Map.of("function", "rosenbrock", "dimensions", 4)), ctx())
                .metrics().get("value"), 1e-12);
    }

    @Test
    void theCurveDecreasesTowardsTheValueAndReachesItAtTheLastStep() throws Exception {
        RecordingContext ctx = ctx();
        Map<String, Object> x = Map.of("x1", 2.0, "x2", 5.0);
        TaskOutcome out = run(trial(x, 3, Map.of("steps", 8, "decay", 0.6, "curve_scale", 5)), ctx);
        List<RecordingContext.Point> points = ctx.points();
        assertEquals(8, points.size());
        double f = TestFunctions.branin().value(new double[] {2, 5});
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i + 1, points.get(i).step());
            if (i > 0) {
                assertTrue(points.get(i).metrics().get("value") < points.get(i - 1).metrics().get("value"));
            }
        }
        assertEquals(f, points.get(7).metrics().get("value"), 1e-12);
        assertEquals(f, out.metrics().get("value"), 1e-12);
        assertEquals(8L, out.lastStep());
    }

    @Test
    void noiseIsDeterministicGivenTheSeed() throws Exception {
        Map<String, Object> x = Map.of("x1", 2.0, "x2", 5.0);
        Map<String, Object> settings = Map.of("steps", 5, "noise", 0.5);
        double a = run(trial(x, 17, settings), ctx()).metrics().get("value");
        double b = run(trial(x, 17, settings), ctx()).metrics().get("value");
        double c = run(trial(x, 18, settings), ctx()).metrics().get("value");
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(TestFunctions.branin().value(new double[] {2, 5}), a);
    }

    @Test
    void aStopRequestEndsTheCurveEarly() throws Exception {
        RecordingContext ctx = new RecordingContext(dir, 3);
        TaskOutcome out = run(trial(Map.of("x1", 2.0, "x2", 5.0), 1, Map.of("steps", 50)), ctx);
        assertTrue(out.stopped());
        assertEquals(3L, out.lastStep());
        assertEquals(ctx.points().get(2).metrics().get("value"), out.metrics().get("value"));
    }

    @Test
    void nanFaultDivergesAtItsStepAndOnlyOnTheChosenTrialsAndAttempts() throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("steps", 4,
                "fault", Map.of("kind", "nan", "at_step", 2, "trials", List.of(0), "attempts", List.of(1))));
        Map<String, Object> x = Map.of("x1", 2.0, "x2", 5.0);
        TrialFailedException e = assertThrows(TrialFailedException.class, () -> run(trial(x, 1, settings), ctx()));
        assertEquals(FailureKind.DIVERGED, e.kind());
        assertEquals(2L, e.step());
        TrialSpec secondAttempt = new TrialSpec(1, 2, "s", 0, x, 1, "synthetic", settings);
        assertEquals(4L, task.run(secondAttempt, ctx()).lastStep());
        TrialSpec otherTrial = new TrialSpec(2, 1, "s", 1, x, 1, "synthetic", settings);
        assertEquals(4L, task.run(otherTrial, ctx()).lastStep());
    }

    @Test
    void badSettingsAndParamsFailWithTheRuleAndTheValue() {
        TrialFailedException steps = assertThrows(TrialFailedException.class,
                () -> run(trial(Map.of("x1", 1.0, "x2", 1.0), 1, Map.of("steps", 0)), ctx()));
        assertTrue(steps.getMessage().contains("steps >= 1") && steps.getMessage().contains("steps=0"),
                steps.getMessage());
        TrialFailedException fn = assertThrows(TrialFailedException.class,
                () -> run(trial(Map.of("x1", 1.0), 1, Map.of("function", "ackley")), ctx()));
        assertTrue(fn.getMessage().contains("ackley"), fn.getMessage());
        TrialFailedException kind = assertThrows(TrialFailedException.class, () -> run(trial(
                Map.of("x1", 1.0, "x2", 1.0), 1, Map.of("fault", Map.of("kind", "explode"))), ctx()));
        assertTrue(kind.getMessage().contains("explode"), kind.getMessage());
    }

    private RecordingContext ctx() {
        return new RecordingContext(dir, Long.MAX_VALUE);
    }
}
