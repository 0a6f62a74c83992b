package dev.sweep.search.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputWarpTest {

    private static double skewness(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        double s2 = Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElseThrow();
        return Arrays.stream(v).map(x -> Math.pow(x - m, 3)).average().orElseThrow() / Math.pow(s2, 1.5);
    }

    @Test
    void aLongTailIsCompressedAndTheRankingKept() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] y = new double[80];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(2 * rng.nextGaussian());
        }
        double[] w = OutputWarp.apply(y);
        assertTrue(skewness(y) > 3, "log-normal data is skewed: " + skewness(y));
        assertTrue(Math.abs(skewness(w)) < 0.5, "warped skewness " + skewness(w));
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                assertEquals(Double.compare(y[i], y[j]), Double.compare(w[i], w[j]), "order of " + i + ", " + j);
            }
        }
        assertEquals(0, Arrays.stream(w).average().orElseThrow(), 1e-9);
        assertEquals(1, Arrays.stream(w).map(x -> x * x).average().orElseThrow(), 1e-9);
    }

    @Test
    void gaussianDataIsLeftAlmostAsItIs() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] y = new double[200];
        for (int i = 0; i < y.length; i++) {
            y[i] = 5 + 3 * rng.nextGaussian();
        }
        double[] s = OutputWarp.standardise(y);
        double[] w = OutputWarp.apply(y);
        for (int i = 0; i < y.length; i++) {
            assertEquals(s[i], w[i], 0.15);
        }
    }

    @Test
    void yeoJohnsonIsTheIdentityAtLambdaOneAndALogAtZero() {
        for (double v : new double[]{-3, -0.5, 0, 0.7, 4}) {
            assertEquals(v, OutputWarp.yeoJohnson(v, 1), 1e-12);
        }
        assertEquals(Math.log(3), OutputWarp.yeoJohnson(2, 0), 1e-12);
        assertEquals(-Math.log(3), OutputWarp.yeoJohnson(-2, 2), 1e-12);
    }
}
