package dev.sweep.orchestrator.engine;

import dev.sweep.orchestrator.config.OomPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code on_oom: accumulate}: how many times each trial's micro-batch was halved after it ran out of memory, and
 * the {@code micro_batch_tokens} its next attempt gets: the task's value (default {@value #DEFAULT_TOKENS}; 0, which
 * means "never split", also starts from the default) divided by 2^halvings. The BERT trainer runs each optimizer
 * batch as exact micro-batches of at most that many padded tokens, so the effective batch size and the gradients
 * stay those of the configuration; only the memory use drops. Kept for one run: a resumed sweep starts again from
 * the task's value. Used on the event loop thread only.
 */
final class OomRetries {
    static final String KEY = "micro_batch_tokens";
    static final int DEFAULT_TOKENS = 2048;
    /** No halving goes below this many tokens per micro-batch. */
    static final int FLOOR_TOKENS = 64;

    private final OomPolicy policy;
    private final int baseTokens;
    private final Map<Long, Integer> halvings = new HashMap<>();

    OomRetries(OomPolicy policy, Map<String, Object> task) {
        this.policy = policy;
        Object v = task.get(KEY);
        int base = v instanceof Number n ? n.intValue() : DEFAULT_TOKENS;
        this.baseTokens = base > 0 ? base : DEFAULT_TOKENS;
    }

    boolean accumulate() {
        return policy == OomPolicy.ACCUMULATE;
    }

    /** The micro-batch the trial's attempts now get: empty while it was never halved (the task's own value). */
    OptionalInt tokens(long trialId) {
        int h = halvings.getOrDefault(trialId, 0);
        return h == 0 ? OptionalInt.empty() : OptionalInt.of(baseTokens >> h);
    }

    /** The micro-batch the trial's last attempt ran with. */
    int current(long trialId) {
        return baseTokens >> halvings.getOrDefault(trialId, 0);
    }

    /** Halves the trial's micro-batch; returns the new size, or empty when that would go below the floor. */
    OptionalInt halve(long trialId) {
        int h = halvings.getOrDefault(trialId, 0) + 1;
        int next = baseTokens >> h;
        if (next < FLOOR_TOKENS) {
            return OptionalInt.empty();
        }
        halvings.put(trialId, h);
        return OptionalInt.of(next);
    }

    /** Forgets a trial that finished. */
    void forget(long trialId) {
        halvings.remove(trialId);
    }
}
