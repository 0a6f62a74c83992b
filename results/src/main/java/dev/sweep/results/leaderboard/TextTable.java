package dev.sweep.results.leaderboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plain-text table: a header, rows, columns padded to their widest cell, text left-aligned and numbers
 * right-aligned (a column is numeric when every non-empty cell of it parses as a number, ± and * allowed).
 */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row must have one cell per column (" + header.size()
                    + "), but got " + cells.size());
        }
        rows.add(new ArrayList<>(cells));
        return this;
    }

    public String render() {
        int columns = header.size();
        int[] width = new int[columns];
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = header.get(c).length();
            numeric[c] = true;
            boolean any = false;
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
                if (!r.get(c).isEmpty()) {
                    any = true;
                    numeric[c] &= looksNumeric(r.get(c));
                }
            }
            numeric[c] &= any;
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width, numeric);
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            rule.add("-".repeat(width[c]));
        }
        line(out, rule, width, new boolean[columns]);
        for (List<String> r : rows) {
            line(out, r, width, numeric);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            String pad = String.join("", Collections.nCopies(width[c] - s.length(), " "));
            l.append(c == 0 ? "" : "  ").append(right[c] ? pad + s : s + pad);
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    private static boolean looksNumeric(String cell) {
        String s = cell.replace("±", " ").replace("*", " ").replace("(", " ").replace(")", " ")
                .replace("n=", " ").replace("%", " ").replace("#", " ").replace("<", " ").trim();
        if (s.isEmpty()) {
            return false;
        }
        for (String part : s.split("\\s+")) {
            try {
                Double.parseDouble(part.replace("s", ""));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
