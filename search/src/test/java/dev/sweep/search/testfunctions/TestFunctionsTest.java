package dev.sweep.search.testfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestFunctionsTest {

    @Test
    void braninReachesItsMinimumAtItsThreeMinimisers() {
        TestFunction f = TestFunctions.branin();
        for (double[] x : new double[][]{{-Math.PI, 12.275}, {Math.PI, 2.275}, {9.42478, 2.475}}) {
            assertEquals(0.397887, f.value(x), 1e-6);
        }
        assertEquals(0.397887, f.optimum(), 1e-6);
    }

    @Test
    void hartmann6ReachesItsMinimumAtItsMinimiser() {
        TestFunction f = TestFunctions.hartmann6();
        double v = f.value(new double[]{0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573});
        assertEquals(-3.32237, v, 1e-5);
        assertTrue(f.optimum() <= v + 1e-9, "the stated optimum is at least as low as the published minimiser's value");
        assertEquals(-3.32237, f.optimum(), 1e-5);
    }

    @Test
    void rosenbrockIsZeroAtOnesAndPositiveElsewhere() {
        TestFunction f = TestFunctions.rosenbrock(5);
        assertEquals(0.0, f.value(new double[]{1, 1, 1, 1, 1}));
        assertEquals(0.0, f.optimum());
        assertEquals(100 + 1 + 0.0, f.value(new double[]{0, 0, 1, 1, 1}) - 1, 1e-12, "x1=0,x2=0: 1; x2=0,x3=1: 100+1");
    }

    @Test
    void noRandomPointBeatsTheOptimum() {
        SplittableRandom rng = new SplittableRandom(1);
        for (TestFunction f : new TestFunction[]{TestFunctions.branin(), TestFunctions.hartmann6(), TestFunctions.rosenbrock(5)}) {
            for (int i = 0; i < 20000; i++) {
                double[] x = new double[f.dimensions()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = f.lower()[j] + rng.nextDouble() * (f.upper()[j] - f.lower()[j]);
                }
                assertTrue(f.regret(x) >= 0, f.name() + " below its optimum at " + java.util.Arrays.toString(x));
            }
        }
    }

    @Test
    void functionsAreFoundByNameAndTakeParametersX1ToXd() {
        TestFunction f = TestFunctions.byName("Rosenbrock", 3);
        assertEquals(3, f.dimensions());
        assertEquals(0.0, f.value(Map.of("x1", 1.0, "x2", 1L, "x3", 1)));
        assertEquals(f.space().parameters().size(), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestFunctions.byName("ackley", 2));
        assertTrue(e.getMessage().contains("'ackley'"));
        assertThrows(IllegalArgumentException.class, () -> f.value(Map.of("x1", 1.0)));
    }
}
