package dev.sweep.worker.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values and the examples of scikit-learn's documentation. */
class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void binaryCountsByHand() {
        // TP=3 FN=2 FP=1 TN=2
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {1, 1, 0, 0, 1, 0, 1, 1},
                new int[] {1, 0, 0, 1, 1, 0, 1, 0}, 2);
        assertArrayEquals(new long[][] {{2, 1}, {2, 3}}, m.confusion());
        assertEquals(5.0 / 8, m.accuracy(), EPS);
        assertEquals(0.75, m.precision(1), EPS);
        assertEquals(0.6, m.recall(1), EPS);
        assertEquals(2 * 0.75 * 0.6 / 1.35, m.f1(), EPS);
        double f1Negative = 2 * (2.0 / 4) * (2.0 / 3) / (2.0 / 4 + 2.0 / 3);
        assertEquals((m.f1() + f1Negative) / 2, m.macroF1(), EPS);
        assertEquals((3.0 * 2 - 1 * 2) / Math.sqrt(4.0 * 5 * 3 * 4), m.mcc(), EPS);
    }

    @Test
    void scikitLearnDocumentationExamples() {
        // accuracy_score([0, 2, 1, 3], [0, 1, 2, 3]) == 0.5
        assertEquals(0.5, ClassificationMetrics.of(new int[] {0, 2, 1, 3}, new int[] {0, 1, 2, 3}, 4).accuracy(), EPS);
        // f1_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], average=None) == [0.8, 0, 0]; macro == 0.2666...
        ClassificationMetrics f = ClassificationMetrics.of(new int[] {0, 1, 2, 0, 1, 2},
                new int[] {0, 2, 1, 0, 0, 1}, 3);
        assertEquals(0.8, f.f1(0), EPS);
        assertEquals(0.0, f.f1(1), EPS);
        assertEquals(0.0, f.f1(2), EPS);
        assertEquals(0.26666666666666666, f.macroF1(), EPS);
        // matthews_corrcoef([+1, +1, +1, -1], [+1, -1, +1, +1]) == -0.333...
        assertEquals(-1.0 / 3, ClassificationMetrics.of(new int[] {1, 1, 1, 0}, new int[] {1, 0, 1, 1}, 2).mcc(),
                1e-12);
        // confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]) == [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
        ClassificationMetrics c = ClassificationMetrics.of(new int[] {2, 0, 2, 2, 0, 1},
                new int[] {0, 0, 2, 2, 0, 2}, 3);
        assertArrayEquals(new long[][] {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}}, c.confusion());
        // Gorodkin by hand: s=6, c=4, t=(2,1,3), p=(3,0,3): (4*6 - 15) / sqrt((36 - 18) * (36 - 14))
        assertEquals(9 / Math.sqrt(18.0 * 22), c.mcc(), EPS);
    }

    @Test
    void gorodkinEqualsTheBinaryFormulaForTwoClasses() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            long tn = random.nextInt(50);
            long fp = random.nextInt(50);
            long fn = random.nextInt(50);
            long tp = random.nextInt(50);
            ClassificationMetrics m = ClassificationMetrics.fromConfusion(new long[][] {{tn, fp}, {fn, tp}});
            double den = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
            double expected = den == 0 ? 0 : (tp * tn - fp * fn) / den;
            assertEquals(expected, m.mcc(), 1e-12, "tn=" + tn + " fp=" + fp + " fn=" + fn + " tp=" + tp);
        }
    }

    @Test
    void degenerateCasesFollowScikitLearnsZeroDivision() {
        ClassificationMetrics allNegative = ClassificationMetrics.of(new int[] {0, 1, 0, 1}, new int[] {0, 0, 0, 0},
                2);
        assertEquals(0.0, allNegative.f1(), EPS);
        assertEquals(0.0, allNegative.mcc(), EPS);
        assertEquals(0.5, allNegative.accuracy(), EPS);
        ClassificationMetrics perfect = ClassificationMetrics.of(new int[] {0, 1, 2}, new int[] {0, 1, 2}, 3);
        assertEquals(1.0, perfect.mcc(), EPS);
        assertEquals(1.0, perfect.macroF1(), EPS);
        ClassificationMetrics inverted = ClassificationMetrics.of(new int[] {0, 1, 0, 1}, new int[] {1, 0, 1, 0}, 2);
        assertEquals(-1.0, inverted.mcc(), EPS);
        // macro-F1 skips labels that never occur (label 2 of 3 here), as scikit-learn does
        ClassificationMetrics twoOfThree = ClassificationMetrics.of(new int[] {0, 1}, new int[] {0, 1}, 3);
        assertEquals(1.0, twoOfThree.macroF1(), EPS);
        assertTrue(Double.isNaN(new ConfusionMatrix(2).metrics().accuracy()));
    }

    @Test
    void namesFollowTheSharedConvention() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {1, 0}, new int[] {1, 1}, 2);
        assertEquals(java.util.List.of("val_accuracy", "val_f1", "val_macro_f1", "val_mcc"),
                java.util.List.copyOf(m.toMap("val").keySet()));
        assertEquals(0.5, m.toMap("test").get("test_accuracy"), EPS);
        assertEquals(java.util.List.of("val_accuracy", "val_macro_f1", "val_mcc"), java.util.List.copyOf(
                ClassificationMetrics.of(new int[] {2}, new int[] {2}, 3).toMap("val").keySet()));
    }

    @Test
    void badLabelsAreRefusedWithTheValue() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        assertEquals("0 <= actual label < 2 must hold, but got -1 (an unlabelled example?)",
                assertThrows(IllegalArgumentException.class, () -> m.add(-1, 0)).getMessage());
        assertEquals("actual and predicted must have one length, but got (2, 1)",
                assertThrows(IllegalArgumentException.class, () -> m.addAll(new int[2], new int[1])).getMessage());
        long[][] counts = m.counts();
        counts[0][0] = 99;
        assertEquals(0, m.counts()[0][0], "counts() must return a copy");
    }
}
