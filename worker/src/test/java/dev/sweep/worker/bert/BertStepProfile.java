package dev.sweep.worker.bert;

import dev.sweep.worker.optim.GradientClipping;
import dev.sweep.worker.optim.Optimizer;
import dev.sweep.worker.optim.OptimizerSpec;
import dev.sweep.worker.optim.Parameter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Where a MiniLM training step's time goes: the phases of a step (masks, forward+backward, norm, update, GC) and,
 * inside forward+backward, the time of each SameDiff op type (with -Dprof.shapes=true, per output shape too). The
 * gap between the forward+backward time and the sum of op times is SameDiff's own per-op overhead.
 * Run: {@code mvn -o -q -pl worker test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=BertStepProfile
 * -Domp.threads=2 -Dprof.b=16 -Dprof.l=128 -Dprof.steps=5} (defaults 8×32, 20 steps). A profile, not a benchmark:
 * the timing listener itself costs a little per op; -Dprof.ops=false leaves it out (phases only).
 */
@Tag("benchmark")
class BertStepProfile {

    /** Sums op execution times by op name (and output shape). */
    static final class OpTimer extends BaseListener {
        private final boolean shapes = Boolean.getBoolean("prof.shapes");
        final Map<String, long[]> byOp = new TreeMap<>();
        long start;
        long total;

        @Override
        public boolean isActive(Operation op) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) {
            start = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet b, SameDiffOp op, OpContext ctx, INDArray[] out) {
            long dt = System.nanoTime() - start;
            total += dt;
            String key = op.getOp().opName();
            if (shapes && out != null && out.length > 0 && out[0] != null) {
                key += Arrays.toString(out[0].shape());
            }
            long[] a = byOp.computeIfAbsent(key, k -> new long[2]);
            a[0] += dt;
            a[1]++;
        }
    }

    @Test
    void profile() throws Exception {
        int b = Integer.getInteger("prof.b", 8);
        int l = Integer.getInteger("prof.l", 32);
        int steps = Integer.getInteger("prof.steps", 20);
        BertWeights weights = BertWeights.load(ModelSource.builtIn("all-minilm-l6-v2"));
        Batch batch = BertTestSupport.randomFullBatch(b, l, new SplittableRandom(1));
        BertClassifier model = BertClassifier.create(weights, 2, Pooling.CLS, 0.1, 0.1, false, 1);
        Optimizer opt = new OptimizerSpec("adamw", 0.9, 0.9, 0.999, 1e-8, 0.01, null).create();
        List<Parameter> params = model.trainableParameters();
        OpTimer timer = new OpTimer();
        long[] phase = new long[5]; // masks, forward+backward, norm, update, gc
        try (DropoutMasks masks = new DropoutMasks(3)) {
            for (int s = 0; s <= steps; s++) {
                if (s == 1 && !"false".equals(System.getProperty("prof.ops"))) { // after the first step (graph build)
                    Field f = BertClassifier.class.getDeclaredField("graphs");
                    f.setAccessible(true);
                    for (Object sd : ((Map<?, ?>) f.get(model)).values()) {
                        ((SameDiff) sd).addListeners(timer);
                    }
                    timer.byOp.clear();
                    timer.total = 0;
                }
                long[] t = new long[6];
                t[0] = System.nanoTime();
                masks.forGraph(weights.config(), new GraphShape(b, l, true), 0.1, 0.1);
                t[1] = System.nanoTime();
                BertClassifier.StepGradients g = model.gradients(batch, masks);
                t[2] = System.nanoTime();
                double scale = GradientClipping.scaleFor(g.globalNorm(), 1.0);
                t[3] = System.nanoTime();
                opt.step(params, g.gradients(), 2e-5, scale);
                t[4] = System.nanoTime();
                System.gc();
                t[5] = System.nanoTime();
                for (int k = 0; s > 0 && k < phase.length; k++) {
                    phase[k] += t[k + 1] - t[k];
                }
            }
        }
        System.out.printf("%dx%d per step: masks %.1f ms (drawn again by the step), forward+backward %.1f ms "
                        + "[op time %.1f ms], norm %.1f ms, update %.1f ms, gc %.1f ms%n", b, l, phase[0] / 1e6 / steps,
                phase[1] / 1e6 / steps, timer.total / 1e6 / steps, phase[2] / 1e6 / steps, phase[3] / 1e6 / steps,
                phase[4] / 1e6 / steps);
        long ops = 0;
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(timer.byOp.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        for (Map.Entry<String, long[]> e : rows) {
            ops += e.getValue()[1];
            System.out.printf("  %-36s %8.2f ms/step %6d calls/step%n", e.getKey(), e.getValue()[0] / 1e6 / steps,
                    e.getValue()[1] / steps);
        }
        System.out.println("ops per step: " + ops / steps);
        if (!"false".equals(System.getProperty("prof.ops")) && (ops == 0 || timer.total <= 0)) {
            throw new AssertionError("the op timer saw no op: the profile is empty");
        }
    }
}
