package dev.sweep.orchestrator.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "did you mean 'learning_rate'?": the closest known word to a misspelt one, when one is close enough. */
final class Suggestions {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {
    }

    static Optional<String> closest(String word, Collection<String> known) {
        String w = normal(word);
        if (w.length() >= 3) {
            Optional<String> longer = known.stream().filter(k -> normal(k).startsWith(w) && !normal(k).equals(w))
                    .min(Comparator.comparingInt(String::length));
            if (longer.isPresent()) {
                return longer;
            }
        }
        int limit = w.length() <= 3 ? 1 : w.length() <= 6 ? 2 : 3;
        Optional<String> near = known.stream()
                .filter(k -> DISTANCE.apply(w, normal(k)) <= limit)
                .min(Comparator.comparingInt((String k) -> DISTANCE.apply(w, normal(k))));
        return near;
    }

    /** " (did you mean 'x'?)" or " (valid: a, b, c)". */
    static String hint(String word, Collection<String> known) {
        return closest(word, known).map(s -> "; did you mean '" + s + "'?")
                .orElse("; valid: " + String.join(", ", known));
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
