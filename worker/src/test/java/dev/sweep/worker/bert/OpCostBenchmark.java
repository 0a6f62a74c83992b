package dev.sweep.worker.bert;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cost of single ND4J ops on a 32×128 batch's arrays ([4096, 384] and [4096, 1536]), outputs preallocated: the
 * measurements behind {@link GradientOverrides} (ND4J's {@code layer_norm_bp} and broadcast {@code add_bp} against
 * the row reductions, broadcasts and GEMMs that replace them). Best and mean of 10 runs after 3 warm-up runs.
 * Run: {@code mvn -o -q -pl worker test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=OpCostBenchmark
 * -Domp.threads=2}.
 */
@Tag("benchmark")
class OpCostBenchmark {

    private static void time(String name, Runnable op) {
        for (int i = 0; i < 3; i++) {
            op.run();
        }
        long best = Long.MAX_VALUE;
        long sum = 0;
        int n = 10;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            op.run();
            long dt = System.nanoTime() - t0;
            best = Math.min(best, dt);
            sum += dt;
        }
        System.out.printf("  %-40s best %7.2f ms, mean %7.2f ms%n", name, best / 1e6, sum / 1e6 / n);
    }

    private static void exec(String op, INDArray[] in, INDArray[] out, int[] ints, boolean... bools) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op).addInputs(in).addOutputs(out);
        if (ints != null) {
            b.addIntegerArguments(ints);
        }
        if (bools.length > 0) {
            b.addBooleanArguments(bools);
        }
        Nd4j.exec(b.build());
    }

    @Test
    void opCosts() {
        int n = 4096;
        for (int h : new int[]{384, 1536}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, n, h);
            INDArray grad = Nd4j.rand(DataType.FLOAT, n, h);
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n, h);
            INDArray out2 = Nd4j.createUninitialized(DataType.FLOAT, n, h);
            INDArray bias = Nd4j.rand(DataType.FLOAT, h);
            INDArray gain = Nd4j.rand(DataType.FLOAT, h);
            INDArray vec = Nd4j.createUninitialized(DataType.FLOAT, h);
            INDArray vec2 = Nd4j.createUninitialized(DataType.FLOAT, h);
            INDArray row = Nd4j.createUninitialized(DataType.FLOAT, 1, h);
            INDArray ones = Nd4j.ones(DataType.FLOAT, n, 1);
            INDArray col = Nd4j.rand(DataType.FLOAT, n, 1);
            System.out.printf("[%d, %d]%n", n, h);
            time("add_bp, [N,C] + [C] (bias gradient)", () -> exec("add_bp", new INDArray[]{x, bias, grad},
                    new INDArray[]{out, vec}, null));
            time("biasadd_bp", () -> exec("biasadd_bp", new INDArray[]{x, bias, grad}, new INDArray[]{out, vec},
                    null, false));
            time("reduce_sum over axis 0", () -> exec("reduce_sum", new INDArray[]{grad}, new INDArray[]{vec},
                    new int[]{0}));
            time("matmul onesᵀ · grad (column sums)", () -> exec("matmul", new INDArray[]{ones, grad},
                    new INDArray[]{row}, new int[]{1, 0, 0}));
            time("add_bp, same shapes", () -> exec("add_bp", new INDArray[]{x, out2, grad},
                    new INDArray[]{out, out2}, null));
            time("layer_norm", () -> exec("layer_norm", new INDArray[]{x, gain, bias}, new INDArray[]{out},
                    new int[]{1}, false));
            time("layer_norm_bp", () -> exec("layer_norm_bp", new INDArray[]{x, gain, bias, grad},
                    new INDArray[]{out, vec, vec2}, new int[]{1}, false));
            time("moments over axis 1 (outputs allocated)", () -> Nd4j.exec(
                    new org.nd4j.linalg.api.ops.impl.reduce.Moments(x, new int[]{1}, true)));
            time("reduce_mean over axis 1", () -> exec("reduce_mean", new INDArray[]{x}, new INDArray[]{col},
                    new int[]{1}, true));
            time("multiply, same shapes", () -> exec("multiply", new INDArray[]{x, grad}, new INDArray[]{out}, null));
            time("multiply by [C] (broadcast row)", () -> exec("multiply", new INDArray[]{x, gain},
                    new INDArray[]{out}, null));
            time("subtract [N,1] (broadcast column)", () -> exec("subtract", new INDArray[]{x, col},
                    new INDArray[]{out}, null));
        }
    }
}
