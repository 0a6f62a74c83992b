package dev.sweep.orchestrator.config;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Condition;
import dev.sweep.search.space.Constraint;
import dev.sweep.search.space.DerivedParameter;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.ZipGroup;
import dev.sweep.search.study.SearchMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code parameters:} and {@code constraints:} into a {@link SearchSpace}: plain parameters (with
 * {@code when:} conditions), derived parameters ({@code expr:}) and zip groups ({@code zip:}), then checks what
 * spans parameters: condition parents and values, the names expressions read, and that a grid is finite.
 */
final class ParametersReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final List<String> SPEC_KEYS = List.of("distribution", "value", "values", "min", "max", "q",
            "count", "log", "when", "expr", "zip");
    private static final String NORMAL = "normal distributions are not supported; use uniform with min and max";
    private static final Map<String, String> HINTS = Map.of(
            "parameters", "nested parameters are not supported; flatten them into names such as optimizer_lr",
            "probabilities", "weighted choices are not supported: every value is equally likely",
            "mu", NORMAL, "sigma", NORMAL);

    /**
     * @param nodes              each name's node (a zip member maps to its group's node), for later messages
     * @param usedInExpressions  names read by a derived parameter or a constraint, or named by a {@code when}
     */
    record Result(SearchSpace space, Map<String, YamlNode> nodes, Set<String> usedInExpressions) {
    }

    private record Pending(String name, Distribution distribution, YamlNode.Entry when) {
    }

    private record Derived(DerivedParameter parameter, YamlNode exprNode) {
    }

    private final Problems problems;
    private final Expressions expressions;
    private final DistributionReader distributions;
    private final List<Pending> plain = new ArrayList<>();
    private final List<Derived> derived = new ArrayList<>();
    private final List<ZipGroup> zips = new ArrayList<>();
    private final Map<String, YamlNode> nodes = new LinkedHashMap<>();
    private final Map<String, String> zipMemberOf = new LinkedHashMap<>();
    private final Set<String> zipNames = new HashSet<>();
    private final Set<String> used = new HashSet<>();

    ParametersReader(Problems problems, Expressions expressions) {
        this.problems = problems;
        this.expressions = expressions;
        this.distributions = new DistributionReader(problems);
    }

    /** The search space, or empty when any rule is broken (every broken rule is recorded). */
    Optional<Result> read(Fields parameters, Optional<YamlNode> constraints, SearchMethod method) {
        int before = problems.count();
        for (YamlNode.Entry e : parameters.node().entries()) {
            if (!NAME.matcher(e.key()).matches()) {
                problems.atKey(e, parameters.path(), "a parameter name starts with a letter or '_' and holds only "
                        + "letters, digits, '_', '.' and '-', but got '" + e.key() + "'");
            }
            if (e.value() instanceof YamlNode.Scalar s && s.value() == null) {
                problems.at(e.value(), "must not be empty; give value, values, min/max, expr or zip");
                nodes.put(e.key(), e.value());
                continue;
            }
            nodes.put(e.key(), e.value());
            Fields.of(e.value(), problems).ifPresent(spec -> entry(e.key(), spec));
        }
        zipMemberOf.forEach((member, zip) -> {
            if (nodes.containsKey(member)) {
                problems.at(nodes.get(zip), "'" + member + "' is set by zip '" + zip + "' and also defined as a parameter");
            }
        });
        List<Parameter> params = conditions();
        checkDerived();
        List<Constraint> rules = constraints.map(this::constraints).orElse(List.of());
        if (method == SearchMethod.GRID) {
            checkGrid(params);
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        try {
            SearchSpace space = new SearchSpace(params, derived.stream().map(Derived::parameter).toList(), zips, rules);
            return Optional.of(new Result(space, Map.copyOf(nodes), Set.copyOf(used)));
        } catch (IllegalArgumentException e) {
            problems.at(parameters.node(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The names a raw parameters block declares (its keys and its zip rows' keys), valid or not. */
    static Set<String> declaredNames(Optional<YamlNode> parameters) {
        Set<String> names = new HashSet<>();
        if (parameters.orElse(null) instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries()) {
                names.add(e.key());
                if (e.value() instanceof YamlNode.Mapping spec && spec.get("zip").orElse(null) instanceof YamlNode.Sequence rows) {
                    rows.items().stream().filter(r -> r instanceof YamlNode.Mapping)
                            .forEach(r -> ((YamlNode.Mapping) r).entries().forEach(x -> names.add(x.key())));
                }
            }
        }
        return names;
    }

    private void entry(String name, Fields spec) {
        spec.allowOnly(SPEC_KEYS, HINTS);
        nodes.put(name, spec.node());
        for (String special : List.of("expr", "zip")) {
            if (spec.node().entry(special).isPresent()) {
                spec.node().entries().stream().filter(e -> !e.key().equals(special) && SPEC_KEYS.contains(e.key()))
                        .forEach(e -> problems.atKey(e, spec.path(), special + " cannot be combined with '" + e.key() + "'"));
                if (special.equals("expr")) {
                    spec.require("expr");
                    spec.string("expr").ifPresent(x -> derived.add(new Derived(new DerivedParameter(name, x),
                            spec.get("expr").orElseThrow())));
                } else if (spec.require("zip")) {
                    zipNames.add(name);
                    spec.sequence("zip").ifPresent(rows -> zip(name, rows));
                }
                return;
            }
        }
        Optional<Distribution> d = distributions.read(spec);
        d.ifPresent(dist -> plain.add(new Pending(name, dist, spec.entry("when").orElse(null))));
    }

    private void zip(String name, YamlNode.Sequence rows) {
        if (rows.items().isEmpty()) {
            problems.at(rows, "zip needs at least one row");
            return;
        }
        List<String> names = null;
        List<Map<String, Object>> values = new ArrayList<>();
        for (YamlNode row : rows.items()) {
            Optional<Fields> f = Fields.of(row, problems);
            if (f.isEmpty()) {
                continue;
            }
            List<String> keys = f.get().node().entries().stream().map(YamlNode.Entry::key).toList();
            if (names == null) {
                names = keys;
            } else if (!Set.copyOf(keys).equals(Set.copyOf(names))) {
                problems.at(row, "every zip row must set the same keys " + names + " as the first row, but got " + keys);
                continue;
            }
            Map<String, Object> assigned = new LinkedHashMap<>();
            for (YamlNode.Entry e : f.get().node().entries()) {
                distributions.choice(e.value()).ifPresent(v -> assigned.put(e.key(), v));
            }
            values.add(assigned);
        }
        if (names == null || names.isEmpty()) {
            problems.at(rows, "zip rows must set at least one parameter");
            return;
        }
        for (String member : names) {
            String other = zipMemberOf.putIfAbsent(member, name);
            if (other != null) {
                problems.at(rows, "'" + member + "' is set by zip '" + name + "' and also by zip '" + other + "'");
            }
        }
        if (values.size() == rows.items().size()) {
            zips.add(new ZipGroup(name, names, values));
        }
    }

    /** Attaches each {@code when:} as a {@link Condition}, checking its parent and its values. */
    private List<Parameter> conditions() {
        Map<String, Distribution> byName = new LinkedHashMap<>();
        plain.forEach(p -> byName.put(p.name(), p.distribution()));
        Map<String, String> parentOf = new LinkedHashMap<>();
        List<Parameter> out = new ArrayList<>();
        for (Pending p : plain) {
            Condition c = p.when() == null ? null : condition(p.name(), p.when(), byName);
            if (c != null) {
                parentOf.put(p.name(), c.parent());
            }
            out.add(new Parameter(p.name(), p.distribution(), c));
        }
        for (Pending p : plain) {
            List<String> chain = new ArrayList<>(List.of(p.name()));
            for (String at = parentOf.get(p.name()); at != null; at = parentOf.get(at)) {
                chain.add(at);
                if (at.equals(p.name())) {
                    problems.at(p.when().value(), "conditions form a cycle: " + String.join(" -> ", chain));
                    break;
                }
                if (chain.size() > plain.size() + 1) {
                    break;
                }
            }
        }
        return out;
    }

    private Condition condition(String name, YamlNode.Entry when, Map<String, Distribution> byName) {
        Optional<Fields> f = Fields.of(when.value(), problems);
        if (f.isEmpty()) {
            return null;
        }
        List<YamlNode.Entry> entries = f.get().node().entries();
        if (entries.size() != 1) {
            problems.at(when.value(), "when names exactly one parent parameter, but got " + entries.size()
                    + " " + entries.stream().map(YamlNode.Entry::key).toList());
            return null;
        }
        YamlNode.Entry e = entries.get(0);
        String parent = e.key();
        Distribution pd = byName.get(parent);
        if (parent.equals(name)) {
            problems.atKey(e, f.get().path(), "a parameter cannot be conditional on itself");
            return null;
        }
        if (pd == null) {
            if (zipMemberOf.containsKey(parent)) {
                problems.atKey(e, f.get().path(), "when must name a plain parameter, but '" + parent
                        + "' is set by zip '" + zipMemberOf.get(parent) + "'");
            } else if (derived.stream().anyMatch(d -> d.parameter().name().equals(parent))) {
                problems.atKey(e, f.get().path(), "when must name a plain parameter, but '" + parent + "' is derived");
            } else if (!nodes.containsKey(parent)) {
                problems.atKey(e, f.get().path(), "when names unknown parameter '" + parent + "'"
                        + Suggestions.closest(parent, byName.keySet()).map(x -> "; did you mean '" + x + "'?").orElse(""));
            }
            return null;
        }
        List<YamlNode> valueNodes = e.value() instanceof YamlNode.Sequence s ? s.items() : List.of(e.value());
        if (valueNodes.isEmpty()) {
            problems.at(e.value(), "when needs at least one value of '" + parent + "'");
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (YamlNode v : valueNodes) {
            Optional<Object> value = distributions.choice(v);
            if (value.isPresent() && !pd.contains(value.get())) {
                problems.at(v, "when value " + value.get() + " is not among the values of '" + parent + "' ("
                        + describe(pd) + ")");
            } else {
                value.ifPresent(values::add);
            }
        }
        used.add(parent);
        return values.size() == valueNodes.size() ? new Condition(parent, values) : null;
    }

    /** Every name an expression may read: parameters, derived parameters and zip members (not zip names). */
    private Set<String> readable() {
        Set<String> known = new HashSet<>(nodes.keySet());
        known.removeAll(zipNames);
        known.addAll(zipMemberOf.keySet());
        return known;
    }

    /** A derived parameter reads parameters, zip members and the derived parameters declared above it. */
    private void checkDerived() {
        Set<String> known = readable();
        List<String> order = derived.stream().map(d -> d.parameter().name()).toList();
        for (int i = 0; i < derived.size(); i++) {
            Derived d = derived.get(i);
            String self = order.get(i);
            for (String n : names(d.parameter().expression(), d.exprNode(), known)) {
                if (n.equals(self)) {
                    problems.at(d.exprNode(), "the expression of '" + self + "' cannot use '" + self + "' itself");
                } else if (order.indexOf(n) > i) {
                    problems.at(d.exprNode(), "uses derived parameter '" + n + "', which is declared after '" + self
                            + "'; move '" + n + "' above it");
                }
            }
        }
    }

    /** The names the expression reads; records a parse error, or each name not in {@code known}. */
    private List<String> names(String expression, YamlNode at, Set<String> known) {
        Expressions.Checked c = expressions.check(expression);
        if (!c.ok()) {
            problems.at(at, c.error());
            return List.of();
        }
        for (String n : c.names()) {
            used.add(n);
            if (!known.contains(n)) {
                problems.at(at, "the expression uses unknown name '" + n + "'" + Suggestions.closest(n, known)
                        .map(s -> "; did you mean '" + s + "'?").orElse(""));
            }
        }
        return c.names();
    }

    private List<Constraint> constraints(YamlNode node) {
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.at(node, "expected a list of expressions, but got " + YamlNode.describe(node));
            return List.of();
        }
        Set<String> known = readable();
        List<Constraint> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String x && !x.isBlank()) {
                names(x, item, known);
                out.add(new Constraint(x));
            } else {
                problems.at(item, "a constraint must be an expression string, but got " + YamlNode.describe(item));
            }
        }
        return out;
    }

    private void checkGrid(List<Parameter> params) {
        for (Parameter p : params) {
            if (p.distribution() instanceof FloatDistribution fd && fd.gridCount() == null && !fd.isSingle()) {
                problems.at(nodes.get(p.name()), "grid needs values or count for '" + p.name()
                        + "' (a continuous range has no grid points of its own; add count: 5, say)");
            }
        }
    }

    static String describe(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return c.choices().toString();
        }
        if (d instanceof FloatDistribution f) {
            return "range [" + f.low() + ", " + f.high() + "]";
        }
        IntDistribution i = (IntDistribution) d;
        return "range [" + i.low() + ", " + i.high() + "]" + (i.step() > 1 ? " step " + i.step() : "");
    }
}
