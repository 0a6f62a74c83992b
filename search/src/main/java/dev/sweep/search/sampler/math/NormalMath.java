package dev.sweep.search.sampler.math;

import org.apache.commons.math3.special.Erf;

/**
 * The standard normal distribution in log space, accurate far into the tails, and the log expected
 * improvement of Ament et al. (2023), "Unexpected Improvements to Expected Improvement for Bayesian
 * Optimization" (their eq. 9), which stays finite and smooth where the plain EI underflows to 0.
 */
public final class NormalMath {

    public static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    private static final double C2 = 0.5 * Math.log(Math.PI / 2);
    private static final double Z_TINY = -1 / Math.sqrt(Math.ulp(1.0));

    private NormalMath() {
    }

    /** Standard normal density. */
    public static double pdf(double z) {
        return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    }

    /** Standard normal distribution function Φ(z). */
    public static double cdf(double z) {
        return 0.5 * Erf.erfc(-z * SQRT_HALF);
    }

    /** log Φ(z), accurate for very negative z. */
    public static double logCdf(double z) {
        if (z > -5) {
            return Math.log(cdf(z));
        }
        return Math.log(0.5 * erfcx(-z * SQRT_HALF)) - 0.5 * z * z;
    }

    /** log(Φ(b) − Φ(a)) for a &lt; b, accurate in both tails. */
    public static double logCdfDiff(double a, double b) {
        if (!(a < b)) {
            return Double.NEGATIVE_INFINITY;
        }
        if (a >= 0) {
            return logCdfDiff(-b, -a);
        }
        if (b <= 0) {
            double lb = logCdf(b);
            return lb + log1mexp(logCdf(a) - lb);
        }
        return Math.log1p(-cdf(a) - cdf(-b));
    }

    /** log(1 − exp(x)) for x &lt; 0, accurate for x near 0 and for very negative x. */
    public static double log1mexp(double x) {
        return x > -Math.log(2) ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    /** The scaled complementary error function exp(x²)·erfc(x). */
    public static double erfcx(double x) {
        if (x < 4) {
            return Math.exp(x * x) * Erf.erfc(x);
        }
        // continued fraction erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards
        double f = x;
        for (int n = 60; n >= 1; n--) {
            f = x + (n / 2.0) / f;
        }
        return INV_SQRT_PI / f;
    }

    /** log h(z) with h(z) = φ(z) + z·Φ(z), the expected improvement of a unit normal over threshold −z. */
    public static double logH(double z) {
        if (z > -1) {
            return Math.log(pdf(z) + z * cdf(z));
        }
        if (z > Z_TINY) {
            return -0.5 * z * z - LOG_SQRT_2PI + log1mexp(Math.log(erfcx(-z * SQRT_HALF) * Math.abs(z)) + C2);
        }
        return -0.5 * z * z - LOG_SQRT_2PI - 2 * Math.log(Math.abs(z));
    }

    /** d/dz log h(z) = Φ(z)/h(z), computed in log space. */
    public static double dLogH(double z) {
        return Math.exp(logCdf(z) - logH(z));
    }
}
