package dev.sweep.search.sampler;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.TrialView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Exhaustive search over the product of every dimension's grid values, each cell exactly once, in a stable
 * order: dimensions in {@link SpaceCodec#dims()} order, the first varying slowest. A conditional parameter
 * multiplies only the cells where it is active; a zip group contributes its rows; cells that violate a
 * constraint are skipped. A cell already in the history (in any state, running included) is never proposed
 * again; the sampler is exhausted when every cell has been proposed.
 *
 * <p>Grid values: a categorical's choices; an int range every step, or {@code count} points (log-spaced for
 * log ranges) rounded to steps; a float range {@code count} points, linearly or log-spaced, ends included,
 * rounded to 12 significant digits (a single point is the (geometric) midpoint); a stepped float range every
 * step unless a {@code count} is given. A float range without {@code count} or step cannot be gridded.
 */
public final class GridSampler implements Sampler {

    public static final int MAX_CELLS = 100_000;
    private static final int MAX_AXIS = 10_000;
    private static final MathContext DIGITS = new MathContext(12);

    private Grid cached;

    @Override
    public Optional<Map<String, Object>> propose(SearchSpace space, Goal goal, int config, List<TrialView> history,
                                                 RandomGenerator rng) {
        Grid g = grid(space);
        Set<List<Integer>> used = new HashSet<>();
        for (TrialView t : history) {
            List<Integer> key = g.key(t.params());
            if (key != null) {
                used.add(key);
            }
        }
        return g.cells.stream().filter(c -> !used.contains(c.key)).findFirst().map(c -> c.params);
    }

    @Override
    public Optional<Integer> capacity(SearchSpace space) {
        return Optional.of(grid(space).cells.size());
    }

    /** Every cell's configuration, in proposal order. */
    public List<Map<String, Object>> cells(SearchSpace space) {
        return grid(space).cells.stream().map(c -> c.params).toList();
    }

    private synchronized Grid grid(SearchSpace space) {
        if (cached == null || !cached.codec.space().equals(space)) {
            cached = new Grid(new SpaceCodec(space));
        }
        return cached;
    }

    private record Cell(List<Integer> key, Map<String, Object> params) {
    }

    private static final class Grid {
        final SpaceCodec codec;
        final List<SpaceCodec.Dim> dims;
        final List<List<Object>> axes = new ArrayList<>();
        final List<Cell> cells = new ArrayList<>();

        Grid(SpaceCodec codec) {
            this.codec = codec;
            this.dims = codec.dims();
            double bound = 1;
            for (SpaceCodec.Dim d : dims) {
                List<Object> axis = axis(d);
                axes.add(axis);
                bound *= axis.size();
            }
            if (bound > MAX_CELLS) {
                throw new IllegalArgumentException("a grid must have at most " + MAX_CELLS + " cells, but this one has up to "
                        + (long) bound + " (" + dims.stream().map(d -> d.name() + ": " + axes.get(dims.indexOf(d)).size())
                        .toList() + "); use fewer values or method random/sobol/tpe/bayes");
            }
            enumerate(0, new HashMap<>(), new Integer[dims.size()]);
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("every cell of the grid violates a constraint " + codec.space().constraints());
            }
        }

        private void enumerate(int i, Map<String, Object> assigned, Integer[] idx) {
            if (i == dims.size()) {
                Map<String, Object> params = codec.assemble(assigned);
                if (codec.feasible(params)) {
                    cells.add(new Cell(List.of(idx), params));
                }
                return;
            }
            SpaceCodec.Dim d = dims.get(i);
            if (!codec.isActive(d, assigned)) {
                idx[i] = -1;
                enumerate(i + 1, assigned, idx);
                return;
            }
            List<Object> axis = axes.get(i);
            for (int j = 0; j < axis.size(); j++) {
                assigned.put(d.name(), axis.get(j));
                idx[i] = j;
                enumerate(i + 1, assigned, idx);
            }
            assigned.remove(d.name());
        }

        /** The cell of a configuration from the history; null when it is not a cell of this grid. */
        List<Integer> key(Map<String, Object> params) {
            Integer[] idx = new Integer[dims.size()];
            for (int i = 0; i < dims.size(); i++) {
                SpaceCodec.Dim d = dims.get(i);
                List<Object> axis = axes.get(i);
                if (d.zip() != null) {
                    int row = -1;
                    for (int r = 0; r < d.zip().rows().size() && row < 0; r++) {
                        int rr = r;
                        if (d.zip().rows().get(r).entrySet().stream()
                                .allMatch(e -> same(e.getValue(), params.get(e.getKey())))) {
                            row = rr;
                        }
                    }
                    if (row < 0 && d.zip().names().stream().anyMatch(params::containsKey)) {
                        return null;
                    }
                    idx[i] = row;
                    continue;
                }
                Object v = params.get(d.name());
                if (v == null) {
                    idx[i] = -1;
                    continue;
                }
                int j = 0;
                while (j < axis.size() && !same(axis.get(j), v)) {
                    j++;
                }
                if (j == axis.size()) {
                    return null;
                }
                idx[i] = j;
            }
            return List.of(idx);
        }
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            return p == q || Math.abs(p - q) <= 1e-9 * Math.max(Math.abs(p), Math.abs(q));
        }
        return a.equals(b);
    }

    static List<Object> axis(SpaceCodec.Dim dim) {
        Distribution d = dim.distribution();
        if (d instanceof CategoricalDistribution c) {
            return c.choices();
        }
        if (d instanceof IntDistribution i) {
            return intAxis(dim.name(), i);
        }
        return floatAxis(dim.name(), (FloatDistribution) d);
    }

    private static List<Object> intAxis(String name, IntDistribution i) {
        long n = (i.high() - i.low()) / i.step() + 1;
        if (i.gridCount() == null || i.gridCount() >= n && !i.log()) {
            if (n > MAX_AXIS) {
                throw new IllegalArgumentException("int parameter '" + name + "' has " + n
                        + " values, too many for a grid (at most " + MAX_AXIS + "); give it a 'count'");
            }
            List<Object> all = new ArrayList<>();
            for (long v = i.low(); v <= i.high(); v += i.step()) {
                all.add(v);
            }
            return all;
        }
        Set<Object> values = new LinkedHashSet<>();
        int g = i.gridCount();
        for (int k = 0; k < g; k++) {
            double t = g == 1 ? 0.5 : (double) k / (g - 1);
            double x = i.log() ? Math.exp(Math.log(i.low()) + t * (Math.log(i.high()) - Math.log(i.low())))
                    : i.low() + t * (i.high() - i.low());
            long steps = Math.round((x - i.low()) / i.step());
            values.add(Math.min(i.high(), Math.max(i.low(), i.low() + steps * i.step())));
        }
        return List.copyOf(values);
    }

    private static List<Object> floatAxis(String name, FloatDistribution f) {
        if (f.isSingle()) {
            return List.of(f.low());
        }
        if (f.gridCount() == null) {
            if (f.step() == null) {
                throw new IllegalArgumentException("float parameter '" + name + "' in [" + f.low() + ", " + f.high()
                        + "] needs a 'count' (or 'values') for grid search");
            }
            long n = Coordinates.cells(f);
            if (n > MAX_AXIS) {
                throw new IllegalArgumentException("float parameter '" + name + "' has " + n
                        + " steps, too many for a grid (at most " + MAX_AXIS + "); give it a 'count'");
            }
            List<Object> all = new ArrayList<>();
            for (long k = 0; k < n; k++) {
                all.add(Coordinates.stepValue(f.low(), f.step(), k));
            }
            return all;
        }
        Set<Object> values = new LinkedHashSet<>();
        int g = f.gridCount();
        for (int k = 0; k < g; k++) {
            double t = g == 1 ? 0.5 : (double) k / (g - 1);
            double x = f.log() ? Math.exp(Math.log(f.low()) + t * (Math.log(f.high()) - Math.log(f.low())))
                    : f.low() + t * (f.high() - f.low());
            if (f.step() != null) {
                x = Coordinates.stepValue(f.low(), f.step(), Math.round((x - f.low()) / f.step()));
            } else if (k == 0) {
                x = f.low();
            } else if (k == g - 1) {
                x = f.high();
            } else {
                x = new BigDecimal(x).round(DIGITS).doubleValue();
            }
            values.add(Math.min(f.high(), Math.max(f.low(), x)));
        }
        return List.copyOf(values);
    }

    @Override
    public String toString() {
        return "GridSampler" + (cached == null ? "" : Arrays.toString(cached.axes.toArray()));
    }
}
