package dev.sweep.results.store;

import java.util.List;

/** Rows of a read-only SQL query: column labels and values as JDBC returned them. */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
