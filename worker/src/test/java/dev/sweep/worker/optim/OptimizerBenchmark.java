package dev.sweep.worker.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One AdamW step over MiniLM-L6's parameter shapes (22.7M floats: the 30522×384 word embedding, six layers' dense
 * weights, biases and LayerNorms), in the same process: the tiled loop the optimizer runs
 * ({@link FloatKernels#forTiles}), the same arithmetic as a loop over the direct buffers (the form before tiles),
 * the ND4J form, and the floor set by memory traffic alone (bulk copies of the same tiles in and out). Median of
 * 15 steps after 5 warm-up steps, each form in turn. Run: {@code mvn -o -q -pl worker test
 * -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=OptimizerBenchmark}.
 */
@Tag("benchmark")
class OptimizerBenchmark {

    @Test
    void adamwStepOverMiniLmShapes() {
        Map<String, INDArray> w = new HashMap<>();
        Map<String, INDArray> g = new HashMap<>();
        List<long[]> shapes = new ArrayList<>(List.of(new long[]{30522, 384}, new long[]{512, 384}));
        for (int l = 0; l < 6; l++) {
            shapes.addAll(List.of(new long[]{384, 1152}, new long[]{1152}, new long[]{384, 384}, new long[]{384},
                    new long[]{384, 1536}, new long[]{1536}, new long[]{1536, 384}, new long[]{384}, new long[]{384},
                    new long[]{384}, new long[]{384}, new long[]{384}));
        }
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            String name = "p" + i + (shapes.get(i).length == 1 ? ".bias" : ".weight");
            w.put(name, Nd4j.rand(DataType.FLOAT, shapes.get(i)).subi(0.5));
            g.put(name, Nd4j.rand(DataType.FLOAT, shapes.get(i)).subi(0.5).muli(1e-3));
            params.add(new Parameter(name, w.get(name), Parameter.decays(name)));
        }
        long n = w.values().stream().mapToLong(INDArray::length).sum();
        Adam tiled = new Adam(0.9, 0.999, 1e-8, 0.01, true);
        Adam nd4j = new Adam(0.9, 0.999, 1e-8, 0.01, true);
        // the direct-buffer loop keeps its own moments
        Map<String, INDArray[]> moments = new HashMap<>();
        w.forEach((k, v) -> moments.put(k, new INDArray[]{v.ulike().assign(0), v.ulike().assign(0)}));
        Map<String, List<Double>> times = new HashMap<>();
        for (int s = 0; s < 20; s++) {
            time(times, "tiled (production)", s, () -> tiled.step(params, g, 2e-5, 1.0));
            time(times, "direct-buffer loop (before)", s, () -> params.forEach(p -> direct(p, g.get(p.name()),
                    moments.get(p.name()))));
            time(times, "memory traffic floor", s, () -> params.forEach(p -> traffic(p.value(), g.get(p.name()),
                    moments.get(p.name()))));
            FloatKernels.setEnabled(false);
            try {
                time(times, "ND4J ops", s, () -> nd4j.step(params, g, 2e-5, 1.0));
            } finally {
                FloatKernels.setEnabled(true);
            }
        }
        double base = median(times.get("tiled (production)"));
        System.out.printf("AdamW over %.1fM floats, %d threads (median of 15):%n", n / 1e6, FloatKernels.threads());
        for (String form : List.of("tiled (production)", "direct-buffer loop (before)", "ND4J ops",
                "memory traffic floor")) {
            double m = median(times.get(form));
            System.out.printf("  %-30s %7.1f ms  (%.2f x tiled)%n", form, m, m / base);
        }
        assertTrue(base > 0);
    }

    private static void time(Map<String, List<Double>> times, String form, int step, Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (step >= 5) {
            times.computeIfAbsent(form, k -> new ArrayList<>()).add(ms);
        }
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    /** AdamW as the optimizer computed it before tiles: element by element through the direct buffers. */
    private static void direct(Parameter p, INDArray grad, INDArray[] state) {
        FloatBuffer fw = FloatKernels.buffer(p.value());
        FloatBuffer fg = FloatKernels.buffer(grad);
        FloatBuffer fm = FloatKernels.buffer(state[0]);
        FloatBuffer fv = FloatKernels.buffer(state[1]);
        AdamMoments k = new AdamMoments(0.9, 0.999, 1e-8, 10);
        float l = 2e-5f;
        float shrink = p.decay() ? (float) (1.0 - 2e-5 * 0.01) : 1f;
        FloatKernels.forRange(p.value().length(), (from, to) -> {
            for (int i = from; i < to; i++) {
                float wi = fw.get(i);
                float gi = fg.get(i);
                float mi = k.m(fm.get(i), gi);
                float vi = k.v(fv.get(i), gi);
                fm.put(i, mi);
                fv.put(i, vi);
                fw.put(i, wi * shrink - l * k.direction(mi, vi));
            }
        });
    }

    /** The same reads and writes as the update, with no arithmetic. */
    private static void traffic(INDArray w, INDArray grad, INDArray[] state) {
        FloatBuffer fw = FloatKernels.buffer(w);
        FloatBuffer fg = FloatKernels.buffer(grad);
        FloatBuffer fm = FloatKernels.buffer(state[0]);
        FloatBuffer fv = FloatKernels.buffer(state[1]);
        FloatKernels.forTiles(w.length(), 4, (from, len, t) -> {
            fw.get(from, t[0], 0, len);
            fg.get(from, t[1], 0, len);
            fm.get(from, t[2], 0, len);
            fv.get(from, t[3], 0, len);
            fw.put(from, t[0], 0, len);
            fm.put(from, t[2], 0, len);
            fv.put(from, t[3], 0, len);
        });
    }
}
