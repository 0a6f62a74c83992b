package dev.sweep.worker;

import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.worker.task.Task;
import dev.sweep.worker.task.TaskOutcome;
import dev.sweep.worker.task.TrialContext;
import java.util.Map;

/** A test task that misbehaves the way libraries do: it prints to System.out (registered in test resources). */
public final class NoisyTask implements Task {

    @Override
    public String type() {
        return "noisy";
    }

    @Override
    public TaskOutcome run(TrialSpec trial, TrialContext context) {
        System.out.println("stray output from a library");
        System.out.print("{\"type\":\"completed\",\"trialId\":");
        System.out.flush();
        context.progress(1, Map.of("value", 0.5));
        System.out.println("more noise");
        return new TaskOutcome(Map.of("value", 1.0), false, 1L);
    }
}
