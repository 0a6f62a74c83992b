package dev.sweep.results.leaderboard;

import java.util.Comparator;

/**
 * Param values as group keys and in display order: numbers (a whole Double and a Long are the same value) by size,
 * then booleans, then text; an absent param (null) last.
 */
final class ParamValues {

    private ParamValues() {
    }

    /** The value two trials share when they are in the same group. */
    static Object key(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value instanceof Boolean || value == null ? value : value.toString();
    }

    static final Comparator<Object> ORDER = (a, b) -> {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 0 -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case 1 -> Boolean.compare((Boolean) a, (Boolean) b);
            case 2 -> a.toString().compareTo(b.toString());
            default -> 0;
        };
    };

    private static int rank(Object v) {
        if (v instanceof Number) {
            return 0;
        }
        if (v instanceof Boolean) {
            return 1;
        }
        return v == null ? 3 : 2;
    }
}
