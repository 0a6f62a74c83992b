package dev.sweep.search.sampler;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Condition;
import dev.sweep.search.space.Constraint;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.Expressions;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.ZipGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The one place that knows how a search space turns into proposals; every sampler goes through it.
 *
 * <p>A space has <em>dimensions</em>: each parameter, and each zip group as a categorical over its row
 * indices. Dimensions are ordered parents first (a conditional parameter after the one it depends on), then by
 * declaration, zip groups last. Dimensions with a single value (fixed values, one-row zips) are constants; the
 * others are <em>free</em> and are what samplers search. A sampler works on <em>points</em>: one coordinate per
 * free dimension, in [0, 1] for numeric ones (see {@link Coordinates}) and the choice index for categorical ones,
 * NaN where the dimension is inactive. {@link #decode} turns a point into a configuration: inactive conditional
 * parameters left out, zip groups replaced by their row's members, derived parameters evaluated.
 */
public final class SpaceCodec {

    /** Tries before {@link #sampleFeasible} gives up on the constraints. */
    public static final int MAX_CONSTRAINT_TRIES = 1000;

    /** A dimension: a parameter ({@code zip} null) or a zip group (a categorical over its row indices). */
    public record Dim(String name, Distribution distribution, Condition condition, ZipGroup zip) {
        public boolean categorical() {
            return distribution instanceof CategoricalDistribution;
        }

        /** The number of choices of a categorical dimension. */
        public int choices() {
            return ((CategoricalDistribution) distribution).choices().size();
        }
    }

    private final SearchSpace space;
    private final Expressions expressions;
    private final List<Dim> dims;
    private final List<Dim> free;
    private final Map<String, Integer> freeIndex = new HashMap<>();

    public SpaceCodec(SearchSpace space) {
        this(space, new Expressions());
    }

    public SpaceCodec(SearchSpace space, Expressions expressions) {
        this.space = space;
        this.expressions = expressions;
        expressions.validate(space);
        this.dims = order(space);
        this.free = dims.stream().filter(d -> !d.distribution().isSingle()).toList();
        for (int k = 0; k < free.size(); k++) {
            freeIndex.put(free.get(k).name(), k);
        }
    }

    public SearchSpace space() {
        return space;
    }

    /** Every dimension, parents first. */
    public List<Dim> dims() {
        return dims;
    }

    /** The free dimensions, the coordinates of a point. */
    public List<Dim> free() {
        return free;
    }

    public int freeCount() {
        return free.size();
    }

    /** The configuration for {@code point}. */
    public Map<String, Object> decode(double[] point) {
        Map<String, Object> values = new HashMap<>();
        for (int k = 0; k < free.size(); k++) {
            values.put(free.get(k).name(), valueAt(k, point[k]));
        }
        return assemble(values);
    }

    /** The value of free dimension {@code k} at coordinate {@code c} (a choice index for categoricals). */
    public Object valueAt(int k, double c) {
        Dim d = free.get(k);
        if (d.categorical()) {
            int n = d.choices();
            int i = Double.isNaN(c) ? 0 : (int) Math.max(0, Math.min(n - 1, Math.round(c)));
            return ((CategoricalDistribution) d.distribution()).choices().get(i);
        }
        return Coordinates.toValue(d.distribution(), c);
    }

    /**
     * The configuration for the dimension values {@code dimValues} (a zip group's value is its row index):
     * constants filled in, inactive dimensions dropped, zip rows expanded, derived parameters added.
     */
    public Map<String, Object> assemble(Map<String, Object> dimValues) {
        Map<String, Object> assigned = new HashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Dim d : dims) {
            if (!isActive(d, assigned)) {
                continue;
            }
            Object v = d.distribution().isSingle() ? constant(d) : dimValues.get(d.name());
            if (v == null) {
                throw new IllegalArgumentException("no value for dimension '" + d.name() + "' in " + dimValues);
            }
            assigned.put(d.name(), v);
            if (d.zip() != null) {
                out.putAll(d.zip().rows().get(((Number) v).intValue()));
            } else {
                out.put(d.name(), v);
            }
        }
        return expressions.withDerived(space, out);
    }

    /** Whether {@code d} exists given the values of the dimensions before it. */
    public boolean isActive(Dim d, Map<String, Object> assigned) {
        Condition c = d.condition();
        if (c == null) {
            return true;
        }
        Object parent = assigned.get(c.parent());
        return parent != null && new CategoricalDistribution(c.values()).indexOf(parent) >= 0;
    }

    /**
     * The point of a configuration from the history; empty when it does not fit this space (a value outside
     * its distribution, a zip row that does not exist), e.g. after the sweep file changed.
     */
    public Optional<double[]> encode(Map<String, Object> params) {
        double[] p = new double[free.size()];
        for (int k = 0; k < free.size(); k++) {
            Dim d = free.get(k);
            if (d.zip() != null) {
                if (d.zip().names().stream().noneMatch(params::containsKey)) {
                    p[k] = Double.NaN;
                    continue;
                }
                int row = IntStream.range(0, d.zip().rows().size())
                        .filter(r -> matches(d.zip().rows().get(r), params)).findFirst().orElse(-1);
                if (row < 0) {
                    return Optional.empty();
                }
                p[k] = row;
                continue;
            }
            Object v = params.get(d.name());
            if (v == null) {
                p[k] = Double.NaN;
            } else if (!d.distribution().contains(v)) {
                return Optional.empty();
            } else if (d.categorical()) {
                p[k] = ((CategoricalDistribution) d.distribution()).indexOf(v);
            } else {
                p[k] = Coordinates.toUnit(d.distribution(), v);
            }
        }
        return Optional.of(p);
    }

    /** Which free dimensions exist at {@code point} (the others are left out of its configuration). */
    public boolean[] activeMask(double[] point) {
        Map<String, Object> assigned = new HashMap<>();
        boolean[] active = new boolean[free.size()];
        for (Dim d : dims) {
            if (!isActive(d, assigned)) {
                continue;
            }
            Integer k = freeIndex.get(d.name());
            if (k == null) {
                assigned.put(d.name(), constant(d));
            } else {
                active[k] = true;
                assigned.put(d.name(), valueAt(k, point[k]));
            }
        }
        return active;
    }

    /** {@code point} with quantised coordinates moved to their cell centres and categoricals to whole indices. */
    public double[] snap(double[] point) {
        double[] s = point.clone();
        for (int k = 0; k < s.length; k++) {
            if (Double.isNaN(s[k])) {
                continue;
            }
            Dim d = free.get(k);
            s[k] = d.categorical() ? Math.max(0, Math.min(d.choices() - 1, Math.round(s[k])))
                    : Coordinates.snap(d.distribution(), s[k]);
        }
        return s;
    }

    /** The first constraint the configuration violates. */
    public Optional<Constraint> violated(Map<String, Object> params) {
        return expressions.firstViolated(space, params);
    }

    public boolean feasible(Map<String, Object> params) {
        return space.constraints().isEmpty() || violated(params).isEmpty();
    }

    /**
     * Draws points until one decodes to a configuration that satisfies every constraint, and returns that
     * configuration; fails after {@link #MAX_CONSTRAINT_TRIES} draws naming the constraint that rejected most.
     */
    public Map<String, Object> sampleFeasible(Supplier<double[]> draw) {
        Map<String, Integer> rejections = new LinkedHashMap<>();
        for (int i = 0; i < MAX_CONSTRAINT_TRIES; i++) {
            Map<String, Object> params = decode(draw.get());
            Optional<Constraint> v = violated(params);
            if (v.isEmpty()) {
                return params;
            }
            rejections.merge(v.get().expression(), 1, Integer::sum);
        }
        throw infeasible(rejections);
    }

    /** The error for a space whose constraints reject every configuration tried. */
    public static IllegalStateException infeasible(Map<String, Integer> rejections) {
        String worst = rejections.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse("?");
        int total = rejections.values().stream().mapToInt(Integer::intValue).sum();
        return new IllegalStateException("no configuration satisfies the constraints: constraint '" + worst
                + "' rejected " + rejections.getOrDefault(worst, 0) + " of " + total + " configurations tried "
                + rejections + "; loosen it or narrow the parameter ranges");
    }

    private static boolean matches(Map<String, Object> row, Map<String, Object> params) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Object v = params.get(e.getKey());
            if (v == null || new CategoricalDistribution(List.of(e.getValue())).indexOf(v) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The single value of a constant dimension. */
    private static Object constant(Dim d) {
        return Coordinates.toValue(d.distribution(), 0.5);
    }

    private static List<Dim> order(SearchSpace space) {
        List<Parameter> pending = new ArrayList<>(space.parameters());
        List<Dim> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!pending.isEmpty()) {
            Parameter next = pending.stream()
                    .filter(p -> p.condition() == null || placed.contains(p.condition().parent()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the conditions of parameters "
                            + pending.stream().map(Parameter::name).toList() + " form a cycle"));
            pending.remove(next);
            placed.add(next.name());
            out.add(new Dim(next.name(), next.distribution(), next.condition(), null));
        }
        for (ZipGroup z : space.zips()) {
            List<Object> rows = new ArrayList<>();
            for (int r = 0; r < z.rows().size(); r++) {
                rows.add(r);
            }
            out.add(new Dim(z.name(), new CategoricalDistribution(rows), null, z));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "SpaceCodec" + Arrays.toString(free.stream().map(Dim::name).toArray());
    }
}
