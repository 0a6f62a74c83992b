package dev.sweep.worker.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Unicode category sets HuggingFace tokenizers uses (the Rust crate unicode_categories 0.1.1, an older Unicode
 * than Java's), read from {@code hf-unicode-categories.txt}: "other" (Cc, Cf, Co), "punctuation" (P*) and
 * "mark_nonspacing" (Mn). Immutable; load once and share.
 */
final class HfUnicode {
    private static final String RESOURCE = "hf-unicode-categories.txt";

    private final int[] other;
    private final int[] punctuation;
    private final int[] markNonspacing;

    private HfUnicode(Map<String, int[]> sets) {
        this.other = require(sets, "other");
        this.punctuation = require(sets, "punctuation");
        this.markNonspacing = require(sets, "mark_nonspacing");
    }

    static HfUnicode load() {
        try (InputStream in = HfUnicode.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path next to "
                        + HfUnicode.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    private static HfUnicode parse(BufferedReader reader) throws IOException {
        Map<String, List<int[]>> ranges = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split(" +");
            List<int[]> list = ranges.computeIfAbsent(fields[0], k -> new ArrayList<>());
            for (int i = 1; i < fields.length; i++) {
                int dash = fields[i].indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? fields[i] : fields[i].substring(0, dash), 16);
                int hi = dash < 0 ? lo : Integer.parseInt(fields[i].substring(dash + 1), 16);
                list.add(new int[] {lo, hi});
            }
        }
        Map<String, int[]> sets = new HashMap<>();
        ranges.forEach((name, list) -> {
            list.sort((x, y) -> Integer.compare(x[0], y[0]));
            int[] flat = new int[list.size() * 2];
            for (int i = 0; i < list.size(); i++) {
                flat[2 * i] = list.get(i)[0];
                flat[2 * i + 1] = list.get(i)[1];
            }
            sets.put(name, flat);
        });
        return new HfUnicode(sets);
    }

    private static int[] require(Map<String, int[]> sets, String name) {
        int[] set = sets.get(name);
        if (set == null) {
            throw new IllegalStateException(RESOURCE + " must define the set '" + name + "', but it is missing");
        }
        return set;
    }

    /** Cc, Cf or Co. */
    boolean isOther(int cp) {
        return contains(other, cp);
    }

    /** Pc, Pd, Ps, Pe, Pi, Pf or Po. */
    boolean isPunctuation(int cp) {
        return contains(punctuation, cp);
    }

    /** Mn. */
    boolean isMarkNonspacing(int cp) {
        return contains(markNonspacing, cp);
    }

    /** Ranges stored flat as lo0, hi0, lo1, hi1, ... sorted by lo. */
    private static boolean contains(int[] flat, int cp) {
        int lo = 0;
        int hi = flat.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < flat[2 * mid]) {
                hi = mid - 1;
            } else if (cp > flat[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "HfUnicode[other=" + other.length / 2 + " ranges, punctuation=" + punctuation.length / 2
                + ", mark_nonspacing=" + markNonspacing.length / 2 + "]";
    }
}
