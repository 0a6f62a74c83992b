package dev.sweep.search.study;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The sweep file's {@code method}. */
public enum SearchMethod {
    GRID, RANDOM, SOBOL, BAYES, TPE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SearchMethod> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
    }
}
