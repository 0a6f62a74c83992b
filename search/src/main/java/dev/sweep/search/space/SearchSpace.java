package dev.sweep.search.space;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a sampler searches over. Parameters keep the sweep file's order. Names are unique across
 * parameters, derived parameters, zip-group members and zip-group names.
 */
public record SearchSpace(List<Parameter> parameters, List<DerivedParameter> derived, List<ZipGroup> zips,
                          List<Constraint> constraints) {

    public SearchSpace {
        parameters = List.copyOf(parameters);
        derived = List.copyOf(derived);
        zips = List.copyOf(zips);
        constraints = List.copyOf(constraints);
        Set<String> seen = new HashSet<>();
        for (Parameter p : parameters) {
            unique(seen, p.name());
        }
        for (DerivedParameter d : derived) {
            unique(seen, d.name());
        }
        for (ZipGroup z : zips) {
            unique(seen, z.name());
            z.names().forEach(n -> unique(seen, n));
        }
        for (Parameter p : parameters) {
            if (p.condition() != null && parameters.stream().noneMatch(q -> q.name().equals(p.condition().parent()))) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is conditional on unknown parameter '"
                        + p.condition().parent() + "'");
            }
        }
    }

    public static SearchSpace of(List<Parameter> parameters) {
        return new SearchSpace(parameters, List.of(), List.of(), List.of());
    }

    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static void unique(Set<String> seen, String name) {
        if (!seen.add(name)) {
            throw new IllegalArgumentException("parameter names must be unique, but '" + name + "' appears twice");
        }
    }
}
