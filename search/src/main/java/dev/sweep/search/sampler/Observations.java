package dev.sweep.search.sampler;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history as model-based samplers see it, in the coordinates of a {@link SpaceCodec}: finished
 * configurations ranked best first (completed ones by loss, then pruned and diverged ones by how far they got
 * and their last intermediate loss, as Optuna's TPE ranks pruned trials), and pending ones (running or waiting,
 * no value yet). Failed, out-of-memory and cancelled configurations say nothing about the objective and are
 * left out, as are configurations that no longer fit the space.
 *
 * @param ranked   finished configurations, best first; the first {@code complete} have a loss
 * @param complete how many of {@code ranked} completed with a finite value
 * @param pending  configurations still waiting or running
 */
public record Observations(List<Entry> ranked, int complete, List<Entry> pending) {

    private static final Logger LOG = LoggerFactory.getLogger(Observations.class);

    /** One configuration: its index, point, and loss (the goal-adjusted value; null unless completed). */
    public record Entry(int config, double[] point, Double loss) {
    }

    public Observations {
        ranked = List.copyOf(ranked);
        pending = List.copyOf(pending);
    }

    public static Observations of(SpaceCodec codec, Goal goal, List<TrialView> history) {
        List<Entry> done = new ArrayList<>();
        List<Bad> bad = new ArrayList<>();
        List<Entry> pending = new ArrayList<>();
        for (TrialView t : history) {
            Optional<double[]> p = codec.encode(t.params());
            if (p.isEmpty()) {
                LOG.warn("configuration {} ({}) does not fit the search space and is ignored by the sampler",
                        t.config(), t.params());
                continue;
            }
            TrialState s = t.state();
            if (s == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())) {
                done.add(new Entry(t.config(), p.get(), goal.toLoss(t.value())));
            } else if (s == TrialState.COMPLETE || s == TrialState.PRUNED || s == TrialState.DIVERGED) {
                bad.add(Bad.of(t, p.get(), goal));
            } else if (s == TrialState.RUNNING || s == TrialState.WAITING) {
                pending.add(new Entry(t.config(), p.get(), null));
            }
        }
        done.sort(Comparator.comparingDouble(Entry::loss).thenComparingInt(Entry::config));
        bad.sort(Comparator.comparingLong((Bad b) -> -b.lastStep).thenComparingDouble(b -> b.lastLoss)
                .thenComparingInt(b -> b.entry.config()));
        List<Entry> ranked = new ArrayList<>(done);
        bad.forEach(b -> ranked.add(b.entry));
        return new Observations(ranked, done.size(), pending);
    }

    /** How many configurations finished (completed, pruned or diverged). */
    public int finished() {
        return ranked.size();
    }

    /** The losses of the completed configurations, best first. */
    public double[] losses() {
        return ranked.subList(0, complete).stream().mapToDouble(Entry::loss).toArray();
    }

    private record Bad(Entry entry, long lastStep, double lastLoss) {
        static Bad of(TrialView t, double[] point, Goal goal) {
            if (t.intermediate().isEmpty()) {
                return new Bad(new Entry(t.config(), point, null), Long.MIN_VALUE + 1, Double.POSITIVE_INFINITY);
            }
            Map.Entry<Long, Double> last = t.intermediate().entrySet().stream().reduce((a, b) -> b).orElseThrow();
            double v = last.getValue() == null || last.getValue().isNaN() ? Double.POSITIVE_INFINITY
                    : goal.toLoss(last.getValue());
            return new Bad(new Entry(t.config(), point, null), last.getKey(), v);
        }
    }
}
