package dev.sweep.search.sampler.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NumericsTest {

    @Test
    void logHMatchesTheDirectFormulaWhereThatIsAccurateAndStaysFiniteBeyond() {
        for (double z = -1; z <= 6; z += 0.25) {
            double direct = NormalMath.pdf(z) + z * NormalMath.cdf(z);
            assertEquals(Math.log(direct), NormalMath.logH(z), 1e-10, "z=" + z);
        }
        for (double z = -1.5; z > -40; z -= 0.5) {
            // h(z) ≈ φ(z)/z² (1 − 3/z² + 15/z⁴) for very negative z
            double asym = -0.5 * z * z - NormalMath.LOG_SQRT_2PI - 2 * Math.log(-z) + Math.log(1 - 3 / (z * z) + 15 / Math.pow(z, 4));
            if (z < -8) {
                assertEquals(asym, NormalMath.logH(z), 1e-3, "z=" + z);
            }
            assertTrue(NormalMath.logH(z) < NormalMath.logH(z + 0.5), "increasing at " + z);
        }
        assertTrue(Double.isFinite(NormalMath.logH(-1e9)));
        assertEquals(NormalMath.logH(-1 + 1e-9), NormalMath.logH(-1 - 1e-9), 1e-7, "continuous at -1");
    }

    @Test
    void theDerivativeOfLogHMatchesFiniteDifferences() {
        for (double z : new double[]{-30, -8, -2, -1, -0.3, 0, 1, 4}) {
            double h = 1e-6;
            double fd = (NormalMath.logH(z + h) - NormalMath.logH(z - h)) / (2 * h);
            assertEquals(fd, NormalMath.dLogH(z), 1e-5 * Math.max(1, Math.abs(fd)), "z=" + z);
        }
    }

    @Test
    void erfcxAndTailProbabilitiesAreAccurate() {
        for (double x = 0; x < 4; x += 0.5) {
            assertEquals(Math.exp(x * x) * Erf.erfc(x), NormalMath.erfcx(x), 1e-13);
        }
        for (double x = 4; x < 9; x += 0.5) {
            assertEquals(Math.exp(x * x) * Erf.erfc(x), NormalMath.erfcx(x), 1e-10 * NormalMath.erfcx(x), "x=" + x);
        }
        assertEquals(1 / (100 * Math.sqrt(Math.PI)) * (1 - 1 / 2e4 + 3 / 4e8), NormalMath.erfcx(100), 1e-13);
        assertEquals(Math.log(NormalMath.cdf(1.5) - NormalMath.cdf(-0.5)), NormalMath.logCdfDiff(-0.5, 1.5), 1e-12);
        assertEquals(Math.log(NormalMath.cdf(-10) - NormalMath.cdf(-11)), NormalMath.logCdfDiff(-11, -10), 1e-9);
        assertEquals(NormalMath.logCdfDiff(-41, -40), NormalMath.logCdfDiff(40, 41), 1e-12);
        assertTrue(Double.isFinite(NormalMath.logCdfDiff(40, 41)));
    }

    @Test
    void lbfgsMinimisesRosenbrockAndStopsAtBounds() {
        Lbfgs lbfgs = new Lbfgs(10, 500, 1e-8, 0);
        Lbfgs.Result r = lbfgs.minimize((x, g) -> {
            double a = x[1] - x[0] * x[0];
            double b = 1 - x[0];
            g[0] = -400 * x[0] * a - 2 * b;
            g[1] = 200 * a;
            return 100 * a * a + b * b;
        }, new double[]{-1.2, 1}, null, null);
        assertEquals(1, r.x()[0], 1e-4);
        assertEquals(1, r.x()[1], 1e-4);
        Lbfgs.Result bounded = lbfgs.minimize((x, g) -> {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * (x[1] + 1);
            return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
        }, new double[]{0.5, 0.5}, new double[]{0, 0}, new double[]{1, 1});
        assertEquals(1, bounded.x()[0], 1e-9);
        assertEquals(0, bounded.x()[1], 1e-9);
    }
}
