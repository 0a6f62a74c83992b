package dev.sweep.dashboards.svg;

import java.util.Locale;

/** Colour maps: a perceptually ordered sequential ramp (viridis) and a categorical palette (Tableau 10). */
public final class Colors {
    private static final int[][] VIRIDIS = {
        {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
        {31, 158, 137}, {53, 183, 121}, {110, 206, 88}, {181, 222, 43}, {253, 231, 37}};
    private static final String[] CATEGORICAL = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private Colors() {
    }

    /** The viridis colour at {@code t} in [0, 1] (clamped), as "#rrggbb". */
    public static String ramp(double t) {
        double c = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double pos = c * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int[] a = VIRIDIS[i];
        int[] b = VIRIDIS[i + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    /** Text colour that reads on the ramp colour at {@code t}: white on the dark end, near-black on the light. */
    public static String textOn(double t) {
        return t < 0.55 ? "#ffffff" : "#1a1a1a";
    }

    public static String categorical(int i) {
        return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
