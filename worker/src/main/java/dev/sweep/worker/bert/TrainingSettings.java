package dev.sweep.worker.bert;

import dev.sweep.worker.optim.OptimizerSpec;
import java.util.Objects;

/**
 * How one trial trains: epochs, batch size, max_len, gradient accumulation, clipping (0 = off), optimizer, schedule
 * with warmup (steps if given, else ratio), evaluation cadence ({@code evalEverySteps} null = once per epoch), the
 * sweep metric and its direction (which validation value picks the best checkpoint), the seed, an optional
 * cap on optimizer steps (null = none), and {@code microBatchTokens}: a batch with more padded tokens than this is
 * run as several micro-batches whose gradients are combined exactly (SameDiff keeps every activation of a step
 * alive, ~15 GB at 32×128 for MiniLM; 0 = never split).
 */
public record TrainingSettings(int epochs, int batchSize, int maxLen, int gradAccum, double maxGradNorm,
                               OptimizerSpec optimizer, String schedule, double learningRate, Long warmupSteps,
                               double warmupRatio, Integer evalEverySteps, String metric, boolean maximize, long seed,
                               Long maxSteps, int microBatchTokens) {
    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(metric, "metric");
        if (epochs < 1 || batchSize < 1 || maxLen < 3 || gradAccum < 1) {
            throw new IllegalArgumentException("epochs >= 1, batch_size >= 1, max_len >= 3 and grad_accum >= 1 must "
                    + "hold, but got (epochs=" + epochs + ", batch_size=" + batchSize + ", max_len=" + maxLen
                    + ", grad_accum=" + gradAccum + ")");
        }
        if (evalEverySteps != null && evalEverySteps < 1) {
            throw new IllegalArgumentException("eval_every >= 1 step must hold, but got " + evalEverySteps);
        }
        if (microBatchTokens < 0) {
            throw new IllegalArgumentException("micro_batch_tokens >= 0 must hold, but got " + microBatchTokens);
        }
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("max_steps >= 1 must hold, but got " + maxSteps);
        }
    }
}
