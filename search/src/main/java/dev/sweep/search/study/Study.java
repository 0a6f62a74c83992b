package dev.sweep.search.study;

import dev.sweep.search.pruner.Pruner;
import dev.sweep.search.pruner.Pruners;
import dev.sweep.search.sampler.Sampler;
import dev.sweep.search.sampler.Samplers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The ask/tell core of a sweep. It keeps no state of its own: every decision is a function of the sweep's
 * configuration and the history handed in, so an orchestrator that replays the history from its store gets
 * exactly the proposals an uninterrupted run would have made.
 *
 * <p>{@link #ask} numbers trials by the size of the history. Each configuration runs {@code repeats} times
 * (same parameters, seeds from {@link Seeds#trialSeed}); a configuration with fewer trials than that gets its
 * next repeat before any new configuration is proposed. New configurations come from the sampler, which
 * sees one view per configuration (see {@link #configurations}) and a generator seeded by
 * {@link Seeds#samplerSeed}.
 */
public final class Study {

    private final StudyConfig config;
    private final Sampler sampler;
    private final Pruner pruner;

    public Study(StudyConfig config) {
        this(config, Samplers.create(config.method(), config.seed()),
                config.pruner() == null ? null : Pruners.create(config.pruner()));
    }

    /** @param pruner null: never prune */
    public Study(StudyConfig config, Sampler sampler, Pruner pruner) {
        this.config = Objects.requireNonNull(config, "config");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.pruner = pruner;
    }

    public StudyConfig config() {
        return config;
    }

    /**
     * The next trial to run, given every trial of the sweep so far (any state; running and waiting ones have
     * no value); empty when {@code run_cap} is reached or the sampler is exhausted (a finished grid).
     */
    public Optional<TrialProposal> ask(List<TrialView> history) {
        int number = history.size();
        if (config.runCap() != null && number >= config.runCap()) {
            return Optional.empty();
        }
        SortedMap<Integer, List<TrialView>> byConfig = byConfig(history);
        for (Map.Entry<Integer, List<TrialView>> e : byConfig.entrySet()) {
            List<TrialView> trials = e.getValue();
            if (trials.size() < config.repeats()) {
                int repeat = nextRepeat(trials);
                int c = e.getKey();
                return Optional.of(new TrialProposal(number, c, repeat, trials.get(0).params(),
                        Seeds.trialSeed(config.seed(), c, repeat)));
            }
        }
        int next = byConfig.isEmpty() ? 0 : byConfig.lastKey() + 1;
        return sampler.propose(config.space(), config.goal(), next, configurations(history),
                        new SplittableRandom(Seeds.samplerSeed(config.seed(), next)))
                .map(params -> new TrialProposal(number, next, 0, params, Seeds.trialSeed(config.seed(), next, 0)));
    }

    /**
     * Whether the running {@code trial} should stop at {@code step}, given the whole history (the trial
     * itself may be in it; it is left out of the comparison).
     */
    public boolean shouldPrune(TrialView trial, long step, List<TrialView> history) {
        if (pruner == null) {
            return false;
        }
        List<TrialView> others = history.stream().filter(t -> t.number() != trial.number()).toList();
        return pruner.shouldPrune(trial, step, others, config.goal());
    }

    /**
     * How many trials the sweep will run, when known: a grid's cells (that satisfy the constraints) times
     * {@code repeats}, capped by {@code run_cap}; else {@code run_cap}; empty for an uncapped open-ended search.
     */
    public Optional<Integer> plannedTrials() {
        Optional<Integer> capacity = sampler.capacity(config.space())
                .map(c -> (int) Math.min(Integer.MAX_VALUE, (long) c * config.repeats()));
        if (config.runCap() != null) {
            return Optional.of(capacity.map(c -> Math.min(c, config.runCap())).orElse(config.runCap()));
        }
        return capacity;
    }

    /**
     * One view per configuration, in configuration order, as samplers see them: number and config are the
     * configuration index, params those of its trials; state COMPLETE with the mean value of its completed
     * repeats when any completed, else RUNNING when any is running or waiting, else PRUNED, DIVERGED, or the
     * state of its first trial; intermediate values averaged per step over the repeats that reported them.
     */
    public static List<TrialView> configurations(List<TrialView> history) {
        List<TrialView> out = new ArrayList<>();
        for (Map.Entry<Integer, List<TrialView>> e : byConfig(history).entrySet()) {
            List<TrialView> ts = e.getValue();
            double sum = 0;
            int n = 0;
            for (TrialView t : ts) {
                if (t.state() == TrialState.COMPLETE && t.value() != null) {
                    sum += t.value();
                    n++;
                }
            }
            TrialState state = n > 0 ? TrialState.COMPLETE : aggregateState(ts);
            out.add(new TrialView(e.getKey(), e.getKey(), 0, ts.get(0).params(), state, n > 0 ? sum / n : null,
                    meanCurve(ts)));
        }
        return out;
    }

    private static TrialState aggregateState(List<TrialView> ts) {
        for (TrialState s : List.of(TrialState.RUNNING, TrialState.WAITING)) {
            if (ts.stream().anyMatch(t -> t.state() == s)) {
                return TrialState.RUNNING;
            }
        }
        for (TrialState s : List.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.DIVERGED)) {
            if (ts.stream().anyMatch(t -> t.state() == s)) {
                return s;
            }
        }
        return ts.get(0).state();
    }

    private static SortedMap<Long, Double> meanCurve(List<TrialView> ts) {
        if (ts.size() == 1) {
            return ts.get(0).intermediate();
        }
        SortedMap<Long, double[]> acc = new TreeMap<>();
        for (TrialView t : ts) {
            t.intermediate().forEach((step, v) -> {
                if (v != null) {
                    double[] a = acc.computeIfAbsent(step, k -> new double[2]);
                    a[0] += v;
                    a[1]++;
                }
            });
        }
        SortedMap<Long, Double> out = new TreeMap<>();
        acc.forEach((step, a) -> out.put(step, a[0] / a[1]));
        return out;
    }

    private static SortedMap<Integer, List<TrialView>> byConfig(List<TrialView> history) {
        SortedMap<Integer, List<TrialView>> m = new TreeMap<>();
        history.stream().sorted(Comparator.comparingInt(TrialView::number))
                .forEach(t -> m.computeIfAbsent(t.config(), k -> new ArrayList<>()).add(t));
        return m;
    }

    private static int nextRepeat(List<TrialView> trials) {
        int r = 0;
        while (true) {
            int rr = r;
            if (trials.stream().noneMatch(t -> t.repeat() == rr)) {
                return r;
            }
            r++;
        }
    }
}
