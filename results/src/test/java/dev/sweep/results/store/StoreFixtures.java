package dev.sweep.results.store;

import dev.sweep.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test builders that read like prose:
 * <pre>
 *   SweepRecord sweep = aSweep().named("sst2-raster").maximizing("val_accuracy").createdIn(store);
 *   aCompletedTrial().number(3).withParam("learning_rate", 1e-4).withValue(0.91).runIn(store, sweep);
 *   aPrunedTrial().number(4).withCurve("val_accuracy", 0.5, 0.52).stoppedAt(2).runIn(store, sweep);
 * </pre>
 * Times start at {@link #T0}; a run trial is claimed at its start and finishes {@code tookSeconds} later.
 */
public final class StoreFixtures {

    public static final Instant T0 = Instant.parse("2024-05-01T22:00:00Z");
    public static final Duration LEASE = Duration.ofSeconds(30);

    private StoreFixtures() {
    }

    public static SweepBuilder aSweep() {
        return new SweepBuilder();
    }

    /** A WAITING trial; {@link TrialBuilder#addTo} stores it as planned. */
    public static TrialBuilder aTrial() {
        return new TrialBuilder(TrialState.WAITING);
    }

    public static TrialBuilder aCompletedTrial() {
        return new TrialBuilder(TrialState.COMPLETE);
    }

    public static TrialBuilder aPrunedTrial() {
        return new TrialBuilder(TrialState.PRUNED);
    }

    public static TrialBuilder aFailedTrial() {
        return new TrialBuilder(TrialState.FAILED).failingWith("worker exited with code 1");
    }

    public static TrialBuilder aDivergedTrial() {
        return new TrialBuilder(TrialState.DIVERGED).withValue(Double.NaN);
    }

    /** Builds a {@link NewSweep}. */
    public static final class SweepBuilder {
        private String name = "sweep";
        private String metric = "value";
        private String goal = "minimize";
        private String method = "grid";
        private long seed = 42;
        private String spec = "name: sweep\n";
        private String source = "sweeps/sweep.yaml";
        private Instant at = T0;

        public SweepBuilder named(String name) {
            this.name = name;
            this.spec = "name: " + name + "\n";
            return this;
        }

        public SweepBuilder minimizing(String metric) {
            this.metric = metric;
            this.goal = "minimize";
            return this;
        }

        public SweepBuilder maximizing(String metric) {
            this.metric = metric;
            this.goal = "maximize";
            return this;
        }

        public SweepBuilder withGoal(String goal) {
            this.goal = goal;
            return this;
        }

        public SweepBuilder withMethod(String method) {
            this.method = method;
            return this;
        }

        public SweepBuilder withSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public SweepBuilder withSpec(String spec) {
            this.spec = spec;
            return this;
        }

        public SweepBuilder from(String sourcePath) {
            this.source = sourcePath;
            return this;
        }

        public SweepBuilder createdAt(Instant at) {
            this.at = at;
            return this;
        }

        public NewSweep build() {
            return new NewSweep(name, spec, "sha256:" + Integer.toHexString(spec.hashCode()), source, method, metric,
                    goal, seed, at);
        }

        public SweepRecord createdIn(ResultsStore store) {
            return store.createSweep(build());
        }
    }

    /** Builds a {@link NewTrial} and, for a finished one, the claim, curve and {@link Finish} that end it. */
    public static final class TrialBuilder {
        private final TrialState outcome;
        private int number = 1;
        private Integer config;
        private int repeat;
        private final Map<String, Object> params = new LinkedHashMap<>();
        private long seed = 7;
        private Double value;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private final Map<String, double[]> curves = new LinkedHashMap<>();
        private Long stoppedStep;
        private String error;
        private Instant start = T0;
        private double seconds = 60;
        private String worker = "worker-0";

        private TrialBuilder(TrialState outcome) {
            this.outcome = outcome;
        }

        public TrialBuilder number(int number) {
            this.number = number;
            return this;
        }

        public TrialBuilder config(int config) {
            this.config = config;
            return this;
        }

        public TrialBuilder repeat(int repeat) {
            this.repeat = repeat;
            return this;
        }

        public TrialBuilder withParam(String name, Object value) {
            params.put(name, value);
            return this;
        }

        public TrialBuilder withParams(Map<String, ?> values) {
            params.putAll(values);
            return this;
        }

        public TrialBuilder withSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public TrialBuilder withValue(double value) {
            this.value = value;
            return this;
        }

        public TrialBuilder withMetric(String name, double v) {
            metrics.put(name, v);
            return this;
        }

        /** Intermediate values of {@code metric} at steps 1, 2, … */
        public TrialBuilder withCurve(String metric, double... values) {
            curves.put(metric, values.clone());
            return this;
        }

        public TrialBuilder stoppedAt(long step) {
            this.stoppedStep = step;
            return this;
        }

        public TrialBuilder failingWith(String error) {
            this.error = error;
            return this;
        }

        public TrialBuilder startedAt(Instant start) {
            this.start = start;
            return this;
        }

        public TrialBuilder tookSeconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        public TrialBuilder onWorker(String worker) {
            this.worker = worker;
            return this;
        }

        public NewTrial build() {
            return new NewTrial(number, config == null ? number : config, repeat, params, seed);
        }

        public Finish finish() {
            Instant end = start.plusNanos((long) (seconds * 1e9));
            return new Finish(outcome, value, metrics, stoppedStep, error, end);
        }

        /** Stores the trial as planned (WAITING). */
        public TrialRecord addTo(ResultsStore store, SweepRecord sweep) {
            return store.addTrial(sweep.id(), build(), start.minusSeconds(1));
        }

        /**
         * Stores the trial, claims it, records its curves and finishes it with the outcome this builder was made
         * for. The sweep must have no lower-numbered WAITING trial (the claim takes the lowest).
         */
        public TrialRecord runIn(ResultsStore store, SweepRecord sweep) {
            if (!outcome.isFinished()) {
                throw new IllegalStateException("runIn needs a finished outcome, but this trial is " + outcome);
            }
            addTo(store, sweep);
            TrialRecord claimed = store.claimNext(sweep.id(), worker, "cpu", start, LEASE).orElseThrow();
            if (claimed.number() != number) {
                throw new IllegalStateException("runIn claims the lowest WAITING trial, which must be " + number
                        + ", but it was " + claimed.number());
            }
            int steps = curves.values().stream().mapToInt(v -> v.length).max().orElse(0);
            for (int s = 0; s < steps; s++) {
                Map<String, Double> point = new LinkedHashMap<>();
                for (Map.Entry<String, double[]> c : curves.entrySet()) {
                    if (s < c.getValue().length) {
                        point.put(c.getKey(), c.getValue()[s]);
                    }
                }
                store.recordProgress(claimed.id(), claimed.attempt(), s + 1L, point, start.plusSeconds(s + 1L));
            }
            if (!store.finish(claimed.id(), claimed.attempt(), finish())) {
                throw new IllegalStateException("the fixture's finish was refused for trial " + number);
            }
            return store.trial(claimed.id()).orElseThrow();
        }
    }

    /** Runs every builder in order. */
    public static List<TrialRecord> runAll(ResultsStore store, SweepRecord sweep, List<TrialBuilder> trials) {
        return trials.stream().map(t -> t.runIn(store, sweep)).toList();
    }
}
