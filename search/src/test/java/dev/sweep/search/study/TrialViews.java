package dev.sweep.search.study;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test builders for {@link TrialView}s that read like prose:
 * {@code aCompletedTrial(3).withValue(0.8).withParams(Map.of("lr", 1e-3)).build()}. Published in the test-jar.
 * By default a trial's config is its number and its repeat 0.
 */
public final class TrialViews {

    private TrialViews() {
    }

    public static Builder aCompletedTrial(int number) {
        return new Builder(number, TrialState.COMPLETE);
    }

    public static Builder aCompletedTrial(int number, double value) {
        return aCompletedTrial(number).withValue(value);
    }

    public static Builder aRunningTrial(int number) {
        return new Builder(number, TrialState.RUNNING);
    }

    public static Builder aWaitingTrial(int number) {
        return new Builder(number, TrialState.WAITING);
    }

    public static Builder aPrunedTrial(int number) {
        return new Builder(number, TrialState.PRUNED);
    }

    public static Builder aFailedTrial(int number) {
        return new Builder(number, TrialState.FAILED);
    }

    public static Builder aTrial(int number, TrialState state) {
        return new Builder(number, state);
    }

    /** A completed trial for a proposal, with the given value. */
    public static TrialView completed(TrialProposal p, double value) {
        return aCompletedTrial(p.number(), value).forProposal(p).build();
    }

    /** A running trial for a proposal. */
    public static TrialView running(TrialProposal p) {
        return aRunningTrial(p.number()).forProposal(p).build();
    }

    public static final class Builder {
        private final int number;
        private final TrialState state;
        private int config;
        private int repeat;
        private Map<String, Object> params = new LinkedHashMap<>();
        private Double value;
        private final TreeMap<Long, Double> intermediate = new TreeMap<>();

        private Builder(int number, TrialState state) {
            this.number = number;
            this.state = state;
            this.config = number;
        }

        public Builder withConfig(int config) {
            this.config = config;
            return this;
        }

        public Builder withRepeat(int repeat) {
            this.repeat = repeat;
            return this;
        }

        public Builder withParams(Map<String, Object> params) {
            this.params = new LinkedHashMap<>(params);
            return this;
        }

        public Builder withParam(String name, Object value) {
            this.params.put(name, value);
            return this;
        }

        public Builder withValue(Double value) {
            this.value = value;
            return this;
        }

        /** Intermediate value at a step. */
        public Builder at(long step, double value) {
            intermediate.put(step, value);
            return this;
        }

        /** Intermediate values at steps 1, 2, 3, … */
        public Builder withCurve(double... values) {
            for (int i = 0; i < values.length; i++) {
                intermediate.put(i + 1L, values[i]);
            }
            return this;
        }

        /** Config, repeat and params of a proposal. */
        public Builder forProposal(TrialProposal p) {
            this.config = p.config();
            this.repeat = p.repeat();
            this.params = new LinkedHashMap<>(p.params());
            return this;
        }

        public TrialView build() {
            return new TrialView(number, config, repeat, params, state, value, intermediate);
        }
    }
}
