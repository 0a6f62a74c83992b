package dev.sweep.worker.data;

import java.util.ArrayList;
import java.util.List;

/** Turns a table's rows into examples, collecting every broken row (wrong column count, unknown label, empty text). */
final class ExampleReader {

    private ExampleReader() {
    }

    /** Examples of a table; broken rows go to {@code bad} and are left out. */
    static List<Example> read(TableReader.Table table, TableFormat format, Columns columns, LabelSet labels,
                              List<BadRow> bad) {
        bad.addAll(table.badRows());
        int expected = expectedColumnCount(table, columns);
        int text = index(table, columns.text(), "text", expected);
        int pair = columns.textPair() == null ? -1 : index(table, columns.textPair(), "text_pair", expected);
        int label = columns.label() == null ? -1 : index(table, columns.label(), "label", expected);
        List<Example> examples = new ArrayList<>(table.rows().size());
        for (TableReader.Row row : table.rows()) {
            List<String> cells = row.cells();
            if (cells.size() != expected) {
                bad.add(new BadRow(table.file(), row.line(), wrongCount(format, expected, cells.size())));
                continue;
            }
            String a = cells.get(text).strip();
            if (a.isEmpty()) {
                bad.add(new BadRow(table.file(), row.line(), "empty text in column " + name(table, text)));
                continue;
            }
            String b = null;
            if (pair >= 0) {
                b = cells.get(pair).strip();
                if (b.isEmpty()) {
                    bad.add(new BadRow(table.file(), row.line(), "empty text in column " + name(table, pair)));
                    continue;
                }
            }
            int y = -1;
            if (label >= 0) {
                String value = cells.get(label).strip();
                Integer index = labels.index(value);
                if (index == null) {
                    bad.add(new BadRow(table.file(), row.line(), (value.isEmpty() ? "empty label"
                            : "unknown label '" + value + "'") + " in column " + name(table, label)
                            + " (expected one of: " + labels.expected() + ")"));
                    continue;
                }
                y = index;
            }
            examples.add(new Example(a, b, y));
        }
        return examples;
    }

    /** The raw label values of the well-formed rows, for inferring the label set. */
    static List<String> labelValues(TableReader.Table table, Columns columns) {
        int expected = expectedColumnCount(table, columns);
        int label = index(table, columns.label(), "label", expected);
        List<String> values = new ArrayList<>();
        for (TableReader.Row row : table.rows()) {
            if (row.cells().size() == expected && !row.cells().get(label).isBlank()) {
                values.add(row.cells().get(label).strip());
            }
        }
        return values;
    }

    private static int expectedColumnCount(TableReader.Table table, Columns columns) {
        if (table.header() != null) {
            if (columns.expectedHeader() != null && !columns.expectedHeader().equals(table.header())) {
                throw new DatasetException(table.file() + " line " + table.headerLine() + ": the header must be "
                        + columns.expectedHeader() + ", but got " + table.header());
            }
            return table.header().size();
        }
        if (columns.expectedHeader() != null) {
            return columns.expectedHeader().size();
        }
        return table.rows().isEmpty() ? 0 : table.rows().get(0).cells().size();
    }

    private static int index(TableReader.Table table, String column, String role, int width) {
        if (table.header() != null) {
            int i = table.header().indexOf(column);
            if (i < 0) {
                throw new DatasetException(table.file() + ": the " + role + " column '" + column
                        + "' is not in the header " + table.header());
            }
            return i;
        }
        if (!column.matches("\\d{1,4}")) {
            throw new DatasetException(table.file() + ": the file has no header, so the " + role
                    + " column must be a 0-based index, but got '" + column + "'");
        }
        int i = Integer.parseInt(column);
        if (i >= width && !table.rows().isEmpty()) {
            throw new DatasetException(table.file() + ": the " + role + " column index " + i
                    + " must be below the column count " + width + " (0-based)");
        }
        return i;
    }

    private static String name(TableReader.Table table, int index) {
        return table.header() != null ? "'" + table.header().get(index) + "'" : String.valueOf(index);
    }

    private static String wrongCount(TableFormat format, int expected, int found) {
        return switch (format) {
            case TSV -> "expected " + expected + " TAB-separated columns, but found " + found;
            case CSV -> "expected " + expected + " CSV columns, but found " + found;
            case LABEL_SPACE -> "expected '<label> <sentence>', but found no space after the label";
        };
    }
}
