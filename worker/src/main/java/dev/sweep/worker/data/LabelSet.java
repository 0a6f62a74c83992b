package dev.sweep.worker.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Label values as they appear in a file, mapped to label indices, and the label names reported for index i. */
record LabelSet(Map<String, Integer> values, List<String> names) {
    LabelSet {
        values = Map.copyOf(values);
        names = List.copyOf(names);
    }

    /** Values map to their position; names are the values themselves. */
    static LabelSet of(List<String> values) {
        return named(values, values);
    }

    static LabelSet named(List<String> values, List<String> names) {
        if (values.size() != names.size()) {
            throw new IllegalArgumentException("one name per label value must hold, but got " + values + " and "
                    + names);
        }
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String v : values) {
            if (map.putIfAbsent(v, map.size()) != null) {
                throw new IllegalArgumentException("labels must be distinct, but '" + v + "' repeats in " + values);
            }
        }
        return new LabelSet(map, names);
    }

    /** The values seen, sorted as numbers when all are integers, else as text. */
    static LabelSet inferred(Collection<String> seen) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(seen));
        if (sorted.stream().allMatch(v -> v.matches("-?\\d{1,9}"))) {
            sorted.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        }
        return of(sorted);
    }

    Integer index(String value) {
        return values.get(value);
    }

    String expected() {
        return String.join(", ", values.keySet().stream().sorted((a, b) -> values.get(a) - values.get(b)).toList());
    }
}
