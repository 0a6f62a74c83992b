package dev.sweep.worker.synthetic;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.search.testfunctions.TestFunction;
import dev.sweep.search.testfunctions.TestFunctions;
import dev.sweep.worker.task.Task;
import dev.sweep.worker.task.TaskOutcome;
import dev.sweep.worker.task.TrialContext;
import dev.sweep.worker.task.TrialFailedException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code task.type: synthetic}: a standard benchmark function (Branin, Hartmann6, Rosenbrock, from
 * {@link TestFunctions}) of params {@code x1..xd}, metric {@code value} (minimise). With {@code steps} > 1 it
 * reports a learning-curve-like series value_t = f(x) + curve_scale·(decay^t − decay^steps) + noise_t, t = 1..steps,
 * which reaches f(x) (plus noise) at the last step; ordered like f at every step, so pruners have something
 * to act on. Deterministic given the trial seed; sleeps {@code delay_ms} per step; honours stop requests between
 * steps; a non-finite value ends the trial as DIVERGED at that step. See {@link SyntheticSettings} for the settings and fault injection.
 */
public final class SyntheticTask implements Task {

    public static final String METRIC = "value";

    @Override
    public String type() {
        return "synthetic";
    }

    @Override
    public TaskOutcome run(TrialSpec trial, TrialContext context) throws Exception {
        SyntheticSettings s;
        TestFunction function;
        double f;
        try {
            s = SyntheticSettings.from(trial.task());
            function = TestFunctions.byName(s.function(), s.dimensions());
            f = function.value(trial.params());
        } catch (IllegalArgumentException e) {
            throw new TrialFailedException(FailureKind.ERROR, e.getMessage(), null, null);
        }
        Map<String, String> provenance = new LinkedHashMap<>(Map.of("function", function.name(), "dimensions",
                Integer.toString(function.dimensions())));
        // set by the orchestrator on a retry after OOM (on_oom: accumulate); echoed so the retry is visible
        Object microBatch = trial.task().get("micro_batch_tokens");
        if (microBatch != null) {
            provenance.put("micro_batch_tokens", String.valueOf(microBatch));
        }
        context.provenance(provenance);
        SplittableRandom rng = new SplittableRandom(trial.seed());
        Double last = null;
        Long lastStep = null;
        boolean poisoned = false;
        for (long t = 1; t <= s.steps(); t++) {
            if (context.stopRequested()) {
                return new TaskOutcome(last == null ? Map.of() : Map.of(METRIC, last), true, lastStep);
            }
            if (s.delayMs() > 0) {
                Thread.sleep(s.delayMs());
            }
            if (s.fault() != null && s.fault().appliesTo(trial.number(), trial.attempt(), t)) {
                poisoned |= inject(s.fault());
            }
            double noise = s.noise() > 0 ? s.noise() * rng.nextGaussian() : 0;
            double v = poisoned ? Double.NaN
                    : f + s.curveScale() * (Math.pow(s.decay(), t) - Math.pow(s.decay(), s.steps())) + noise;
            if (s.steps() > 1) {
                context.progress(t, Map.of(METRIC, v));
            }
            if (!Double.isFinite(v)) {
                throw new TrialFailedException(FailureKind.DIVERGED, "value became " + v + " at step " + t, t, null);
            }
            last = v;
            lastStep = t;
        }
        return new TaskOutcome(Map.of(METRIC, last), false, lastStep);
    }

    /** Makes the fault happen; true when the trial's values turn NaN from here on. */
    private static boolean inject(SyntheticSettings.Fault fault) throws IOException, InterruptedException {
        switch (fault.kind()) {
            case "hang" -> {
                // freeze the whole worker process, heartbeat thread included, as a real hang would
                long pid = ProcessHandle.current().pid();
                new ProcessBuilder("kill", "-STOP", Long.toString(pid)).inheritIO().start().waitFor();
                return false;
            }
            case "exit" -> {
                Runtime.getRuntime().halt(fault.exitCode());
                return false;
            }
            case "oom" -> throw new OutOfMemoryError("injected by the synthetic task's fault setting");
            case "nan" -> {
                return true;
            }
            default -> throw new IllegalStateException("injected by the synthetic task's fault setting");
        }
    }
}
