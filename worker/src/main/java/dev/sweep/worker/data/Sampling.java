package dev.sweep.worker.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded, stratified selection of examples. Within each label the examples are shuffled once by the seed (not by
 * the sample size), so a smaller sample is a subset of a larger one drawn with the same seed: fraction 0.25 is
 * inside fraction 0.5. Each label gets its share by largest remainder, so the sample size is exact.
 */
public final class Sampling {

    private Sampling() {
    }

    /** Indices (ascending) of a stratified sample of {@code k} of the examples whose labels are given. */
    public static int[] stratified(int[] labels, int k, long seed) {
        if (k < 0) {
            throw new IllegalArgumentException("sample size >= 0 must hold, but got " + k);
        }
        if (k >= labels.length) {
            return range(labels.length);
        }
        Map<Integer, List<Integer>> byLabel = shuffledByLabel(labels, seed);
        int[] quota = quotas(byLabel, labels.length, k);
        int[] chosen = new int[k];
        int n = 0;
        int c = 0;
        for (List<Integer> members : byLabel.values()) {
            for (int i = 0; i < quota[c]; i++) {
                chosen[n++] = members.get(i);
            }
            c++;
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** Splits off a stratified held-out part of about {@code fraction} of the examples: {kept, heldOut}. */
    public static int[][] stratifiedSplit(int[] labels, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("0 < fraction < 1 must hold, but got " + fraction);
        }
        int heldOut = (int) Math.round(labels.length * fraction);
        int[] out = stratified(labels, heldOut, seed);
        return new int[][] {complement(out, labels.length), out};
    }

    /**
     * Splits examples by group (e.g. the first question of a pair), so that no group spans two parts: the distinct
     * groups are shuffled by the seed and cut in the given proportions. Returns one index array per fraction.
     */
    public static int[][] groupSplit(List<String> groups, double[] fractions, long seed) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            members.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
        }
        List<String> distinct = new ArrayList<>(members.keySet());
        shuffle(distinct, new SplittableRandom(seed));
        int[][] parts = new int[fractions.length][];
        double cumulative = 0;
        int from = 0;
        for (int p = 0; p < fractions.length; p++) {
            cumulative += fractions[p];
            int to = p == fractions.length - 1 ? distinct.size()
                    : (int) Math.min(distinct.size(), Math.round(distinct.size() * cumulative));
            parts[p] = distinct.subList(from, to).stream().flatMap(g -> members.get(g).stream())
                    .mapToInt(Integer::intValue).sorted().toArray();
            from = to;
        }
        return parts;
    }

    /** Picks {@code indices} out of a list, in order. */
    public static <T> List<T> pick(List<T> items, int[] indices) {
        List<T> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(items.get(i));
        }
        return out;
    }

    private static Map<Integer, List<Integer>> shuffledByLabel(int[] labels, long seed) {
        Map<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], l -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
            shuffle(e.getValue(), new SplittableRandom(seed * 31 + e.getKey()));
        }
        return byLabel;
    }

    private static int[] quotas(Map<Integer, List<Integer>> byLabel, int n, int k) {
        int classes = byLabel.size();
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        int c = 0;
        for (List<Integer> members : byLabel.values()) {
            double exact = (double) members.size() * k / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
            c++;
        }
        Integer[] order = new Integer[classes];
        for (int i = 0; i < classes; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -remainder[i]).thenComparingInt(i -> i));
        for (int i = 0; assigned < k; i = (i + 1) % classes) {
            quota[order[i]]++;
            assigned++;
        }
        return quota;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static int[] complement(int[] sortedChosen, int n) {
        int[] rest = new int[n - sortedChosen.length];
        int r = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (c < sortedChosen.length && sortedChosen[c] == i) {
                c++;
            } else {
                rest[r++] = i;
            }
        }
        return rest;
    }
}
