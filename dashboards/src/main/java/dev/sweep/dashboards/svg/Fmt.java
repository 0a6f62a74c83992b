package dev.sweep.dashboards.svg;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting for labels and SVG coordinates: short, locale-independent, stable. */
public final class Fmt {
    private Fmt() {
    }

    /** A coordinate with at most two decimals and no trailing zeros ("12.5", "3", "-0.25"). */
    public static String coord(double v) {
        long r = Math.round(v * 100);
        if (r % 100 == 0) {
            return Long.toString(r / 100);
        }
        return BigDecimal.valueOf(r, 2).stripTrailingZeros().toPlainString();
    }

    /**
     * A value with {@code digits} significant digits: plain for magnitudes in [1e-3, 1e5), else scientific
     * ("1e-5", "2.5e-4"). NaN and infinities are written as "NaN", "inf", "-inf".
     */
    public static String sig(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = BigDecimal.valueOf(v).round(new MathContext(digits)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return b.toPlainString();
        }
        int exp = b.precision() - b.scale() - 1;
        BigDecimal mantissa = b.movePointLeft(exp).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exp;
    }

    /** {@link #sig(double, int)} with four significant digits. */
    public static String num(double v) {
        return sig(v, 4);
    }

    /** A parameter value as a label: numbers via {@link #num}, anything else via toString. */
    public static String value(Object v) {
        if (v == null) {
            return "—";
        }
        if (v instanceof Double || v instanceof Float) {
            return num(((Number) v).doubleValue());
        }
        return v.toString();
    }

    /** A duration in seconds as "1h 02m", "3m 05s" or "12s". */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "—";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
