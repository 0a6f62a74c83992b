package dev.sweep.worker.data;

import java.util.Locale;

/**
 * How a dataset file is laid out: {@code TSV} (split on TAB only, no quoting: texts may contain {@code "}),
 * {@code CSV} (RFC 4180 quoting) or {@code LABEL_SPACE} ({@code <label> <sentence>} per line, as in the
 * harvardnlp SST files).
 */
public enum TableFormat {
    TSV, CSV, LABEL_SPACE;

    /** Parses {@code tsv}, {@code csv} or {@code label_space}, case-insensitively. */
    public static TableFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be one of tsv, csv, label_space, but got '" + value + "'",
                    e);
        }
    }

    /** The format a file name suggests: .csv is CSV, anything else TSV. */
    public static TableFormat fromFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : TSV;
    }
}
