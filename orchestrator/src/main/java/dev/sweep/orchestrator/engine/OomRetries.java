package dev.sweep.orchestrator.engine;

import dev.sweep.orchestrator.config.OomPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code on_oom: accumulate}: the {@code micro_batch_tokens} each trial that ran out of memory gets on its next
 * attempt: the task's value (default {@value #DEFAULT_TOKENS}; 0, which means "never split", also starts from the
 * default) halved once per OOM. The BERT trainer runs each optimizer batch as exact micro-batches of at most that
 * many padded tokens, so the effective batch size and the gradients stay those of the configuration; only the
 * memory use drops. Each halving is stored with the trial as its {@value #PROVENANCE_KEY} provenance (see
 * {@link EventHandler}), and a resumed sweep takes it up from there ({@link #restore}), so a killed and restarted
 * orchestrator goes on halving instead of starting again from the task's value. Used on the event loop thread only.
 */
final class OomRetries {
    private static final Logger log = LoggerFactory.getLogger(OomRetries.class);
    static final String KEY = "micro_batch_tokens";
    /** The provenance key that keeps a trial's halved micro-batch across orchestrator restarts. */
    static final String PROVENANCE_KEY = "oom_micro_batch_tokens";
    static final int DEFAULT_TOKENS = 2048;
    /** No halving goes below this many tokens per micro-batch. */
    static final int FLOOR_TOKENS = 64;

    private final OomPolicy policy;
    private final int baseTokens;
    /** The micro-batch of trials halved at least once. */
    private final Map<Long, Integer> halved = new HashMap<>();

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
        Integer t = halved.get(trialId);
        return t == null ? OptionalInt.empty() : OptionalInt.of(t);
    }

    /** The micro-batch the trial's last attempt ran with. */
    int current(long trialId) {
        return halved.getOrDefault(trialId, baseTokens);
    }

    /** Halves the trial's micro-batch; returns the new size, or empty when that would go below the floor. */
    OptionalInt halve(long trialId) {
        int next = current(trialId) >> 1;
        if (next < FLOOR_TOKENS) {
            return OptionalInt.empty();
        }
        halved.put(trialId, next);
        return OptionalInt.of(next);
    }

    /**
     * Takes up the micro-batch an earlier run gave an unfinished trial after its last OOM, from the trial's
     * provenance. A recorded value this sweep could not have given (not the task's value halved one or more times
     * down to the floor) is ignored with a warning: the trial then starts again from the task's value.
     */
    void restore(long trialId, Map<String, String> provenance) {
        String recorded = provenance.get(PROVENANCE_KEY);
        if (recorded == null) {
            return;
        }
        for (int t = baseTokens >> 1; t >= FLOOR_TOKENS; t >>= 1) {
            if (Integer.toString(t).equals(recorded.strip())) {
                halved.put(trialId, t);
                return;
            }
        }
        log.warn("trial id {}: provenance {} must be {} halved one or more times, down to no less than {}, but got "
                + "'{}'; ignored: its next attempt starts from {}", trialId, PROVENANCE_KEY, baseTokens, FLOOR_TOKENS,
                recorded, baseTokens);
    }

    /** Forgets a trial that finished. */
    void forget(long trialId) {
        halved.remove(trialId);
    }
}
