package dev.sweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one-pass loops give the same parameters as the ND4J forms they replace, on tensors larger than one chunk
 * (so the parallel split is exercised), over several steps, with decayed and excluded parameters.
 */
class FloatKernelsTest {

    @AfterEach
    void restore() {
        FloatKernels.setEnabled(true);
    }

    private static Map<String, INDArray> tensors(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> t = new LinkedHashMap<>();
        t.put("layer.weight", Nd4j.randn(DataType.FLOAT, 300, 700));   // 210,000 elements: four chunks
        t.put("layer.bias", Nd4j.randn(DataType.FLOAT, 700));
        t.put("LayerNorm.weight", Nd4j.rand(DataType.FLOAT, 700));
        return t;
    }

    /** Parameters after three steps of {@code spec}, with the loops on or off. */
    private static Map<String, INDArray> train(OptimizerSpec spec, boolean fused) {
        FloatKernels.setEnabled(fused);
        Map<String, INDArray> w = tensors(1);
        List<Parameter> params = new ArrayList<>();
        w.forEach((k, v) -> params.add(new Parameter(k, v, Parameter.decays(k))));
        Optimizer opt = spec.create();
        for (int s = 0; s < 3; s++) {
            Map<String, INDArray> g = tensors(100 + s);
            g.values().forEach(a -> a.muli(0.1));
            opt.step(params, g, 1e-2, s == 1 ? 0.5 : 1.0); // step 2 as if clipped: the scale enters the pass
        }
        return w;
    }

    @Test
    void everyFusedOptimizerMatchesItsNd4jForm() {
        for (String name : List.of("sgd", "momentum", "nesterov", "adam", "adamw", "lamb")) {
            OptimizerSpec spec = new OptimizerSpec(name, 0.9, 0.9, 0.999, 1e-8, 0.05, null);
            Map<String, INDArray> fused = train(spec, true);
            Map<String, INDArray> reference = train(spec, false);
            Map<String, INDArray> start = tensors(1);
            fused.forEach((k, v) -> {
                double diff = v.sub(reference.get(k)).amaxNumber().doubleValue();
                double moved = v.sub(start.get(k)).amaxNumber().doubleValue();
                assertTrue(moved > 1e-3, name + " " + k + " must move, but moved " + moved);
                assertTrue(diff <= 1e-6 * Math.max(1, moved), name + " " + k + ": fused vs ND4J max diff " + diff);
            });
        }
    }

    @Test
    void clippingMatchesTheNd4jNormAndScale() {
        Map<String, INDArray> a = tensors(7);
        Map<String, INDArray> b = tensors(7);
        FloatKernels.setEnabled(true);
        double fusedNorm = GradientClipping.clip(a.values(), 1.0);
        FloatKernels.setEnabled(false);
        double referenceNorm = GradientClipping.clip(b.values(), 1.0);
        double exact = 0;
        for (INDArray t : tensors(7).values()) {
            for (double x : t.reshape(t.length()).toDoubleVector()) {
                exact += x * x;
            }
        }
        exact = Math.sqrt(exact);
        assertEquals(exact, fusedNorm, 1e-9 * exact, "the loop sums squares in double");
        assertEquals(exact, referenceNorm, 1e-4 * exact, "ND4J's float norm2 is close");
        assertTrue(fusedNorm > 1.0, "the test's gradients exceed the clip norm: " + fusedNorm);
        a.forEach((k, v) -> assertEquals(0.0, v.sub(b.get(k)).amaxNumber().doubleValue(), 1e-6, k));
        FloatKernels.setEnabled(true);
        assertEquals(1.0, GradientClipping.globalNorm(a.values()), 1e-5, "clipped to the max norm");
    }

    @Test
    void onlyPlainFloatArraysAreHandledInPlace() {
        INDArray plain = Nd4j.rand(DataType.FLOAT, 4, 5);
        assertTrue(FloatKernels.applicable(plain, plain.dup()));
        assertFalse(FloatKernels.applicable(plain.castTo(DataType.DOUBLE)), "doubles");
        assertFalse(FloatKernels.applicable(plain.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all())), "a view");
        assertFalse(FloatKernels.applicable(plain.dup('f')), "Fortran order");
        assertFalse(FloatKernels.applicable(plain, Nd4j.rand(DataType.FLOAT, 4, 6)), "different lengths");
        // a view still trains, through the ND4J form
        INDArray parent = Nd4j.ones(DataType.FLOAT, 4, 5);
        INDArray view = parent.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        new Sgd(0, false, 0).step(List.of(new Parameter("v", view, false)), Map.of("v", Nd4j.ones(DataType.FLOAT,
                2, 5)), 0.5);
        assertEquals(0.5, parent.getDouble(1, 0), 1e-7);
        assertEquals(1.0, parent.getDouble(0, 0), 1e-7, "rows outside the view are untouched");
    }

    @Test
    void tilesVisitEveryIndexOnceAndSumsOfSquaresKeepTheirTail() {
        int tile = FloatKernels.TILE;
        for (int n : new int[]{1, 3, tile - 1, tile, tile + 5, 65_536 + tile + 3, 3 * 65_536 + 7}) {
            int[] seen = new int[n];
            FloatKernels.forTiles(n, 2, (from, len, tiles) -> {
                assertTrue(len >= 1 && len <= tile && tiles.length >= 2 && tiles[1].length == tile, "len " + len);
                for (int i = from; i < from + len; i++) {
                    seen[i]++;
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen[i], "n=" + n + ": index " + i + " visited once");
            }
        }
        for (int len = 0; len <= 9; len++) {
            float[] x = new float[len + 3];
            double naive = 0;
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.5f + i;
                naive += i < len ? (double) x[i] * x[i] : 0;
            }
            assertEquals(naive, FloatKernels.sumOfSquares(x, len), 1e-12, "len " + len + " (entries past len ignored)");
        }
    }
}
