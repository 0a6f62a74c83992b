package dev.sweep.search.space;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters that vary together: each row assigns all of {@code names} at once (a grid walks rows, not their
 * product). Exposed to samplers as one categorical over row indices named {@code name}.
 */
public record ZipGroup(String name, List<String> names, List<Map<String, Object>> rows) {
    public ZipGroup {
        Objects.requireNonNull(name, "name");
        names = List.copyOf(names);
        rows = rows.stream().map(Map::copyOf).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("zip group '" + name + "' needs at least one row");
        }
        for (Map<String, Object> row : rows) {
            if (!row.keySet().equals(java.util.Set.copyOf(names))) {
                throw new IllegalArgumentException("every row of zip group '" + name + "' must set exactly " + names + ", but got " + row.keySet());
            }
        }
    }

}
