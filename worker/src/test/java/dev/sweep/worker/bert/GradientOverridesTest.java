package dev.sweep.worker.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each overridden gradient against ND4J's own on the same small graph: the marked op (overridden gradient) and the
 * unmarked one (ND4J's) must give the same gradients for every input that has one.
 */
class GradientOverridesTest {

    @BeforeAll
    static void install() {
        GradientOverrides.install();
    }

    /**
     * Gradients of sum(f(…) ∘ r) for every variable (x's first axis is N); {@code op} builds f, {@code in[vars.size()]}
     * being the constant's placeholder.
     */
    private static Map<String, INDArray> gradients(Map<String, INDArray> vars, INDArray constant, long[] constShape,
                                                   boolean rowOnes, BiFunction<SameDiff, SDVariable[], SDVariable> op) {
        SameDiff sd = SameDiff.create();
        SDVariable[] in = new SDVariable[vars.size() + 1];
        int i = 0;
        for (Map.Entry<String, INDArray> e : vars.entrySet()) {
            in[i++] = sd.var(e.getKey(), e.getValue().dup());
        }
        in[i] = constant == null ? null : sd.placeHolder("c", DataType.FLOAT, constShape);
        if (rowOnes) {
            long n = vars.get("x").size(0);
            sd.constant(GradientOverrides.ROW_ONES, Nd4j.ones(DataType.FLOAT, n, 1));
        }
        SDVariable y = op.apply(sd, in);
        Nd4j.getRandom().setSeed(7);
        INDArray r = Nd4j.rand(DataType.FLOAT, y.eval(constant == null ? Map.of() : Map.of("c", constant)).shape())
                .subi(0.5);
        SDVariable loss = y.mul(sd.constant(r)).sum();
        sd.setLossVariables(loss);
        return sd.calculateGradients(constant == null ? Map.of() : Map.of("c", constant), List.copyOf(vars.keySet()));
    }

    private static void assertSame(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            double scale = Math.max(1e-3, expected.get(name).amaxNumber().doubleValue());
            double diff = expected.get(name).sub(actual.get(name)).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-5 * scale, name + ": max |ND4J - override| = " + diff + " (max |g| " + scale + ")");
        }
    }

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(4);
    }

    @Test
    void rowLayerNormMatchesLayerNormBp() {
        Map<String, INDArray> vars = Map.of("x", rand(64, 48), "g", rand(48), "b", rand(48));
        BiFunction<SameDiff, SDVariable[], SDVariable> plain = (sd, in) ->
                sd.nn.layerNorm(sd.getVariable("x"), sd.getVariable("g"), sd.getVariable("b"), false, 1);
        BiFunction<SameDiff, SDVariable[], SDVariable> marked = (sd, in) -> sd.nn.layerNorm(GradientOverrides.rows("ln"),
                sd.getVariable("x"), sd.getVariable("g"), sd.getVariable("b"), false, 1);
        assertSame(gradients(vars, null, null, false, plain), gradients(vars, null, null, true, marked));
    }

    @Test
    void gemmBiasAddMatchesAdd() {
        Map<String, INDArray> vars = Map.of("x", rand(64, 48), "b", rand(48));
        assertSame(gradients(vars, null, null, false, (sd, in) -> sd.getVariable("x").add(sd.getVariable("b"))),
                gradients(vars, null, null, true, (sd, in) -> sd.nn.biasAdd(GradientOverrides.rows("bias"),
                        sd.getVariable("x"), sd.getVariable("b"), false)));
    }

    @Test
    void passThroughSumMatchesAddBp() {
        Map<String, INDArray> vars = Map.of("x", rand(8, 6), "y", rand(8, 6));
        assertSame(gradients(vars, null, null, false, (sd, in) -> sd.getVariable("x").add(sd.getVariable("y"))),
                gradients(vars, null, null, false,
                        (sd, in) -> sd.getVariable("x").add(GradientOverrides.sum("s"), sd.getVariable("y"))));
    }

    @Test
    void constantOperandAddAndMultiplyMatchTheirBpOps() {
        Map<String, INDArray> vars = Map.of("x", rand(2, 3, 4, 4));
        INDArray mask = rand(2, 1, 1, 4);
        long[] maskShape = {2, 1, 1, 4};
        assertSame(gradients(vars, mask, maskShape, false, (sd, in) -> sd.getVariable("x").add(in[1])),
                gradients(vars, mask, maskShape, false,
                        (sd, in) -> sd.getVariable("x").add(GradientOverrides.constantOperand("m"), in[1])));
        INDArray dropout = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4).gt(0.3).castTo(DataType.FLOAT).muli(1 / 0.7);
        long[] dropShape = {2, 3, 4, 4};
        Map<String, INDArray> plain = gradients(vars, dropout, dropShape, false,
                (sd, in) -> sd.getVariable("x").mul(in[1]));
        Map<String, INDArray> marked = gradients(vars, dropout, dropShape, false,
                (sd, in) -> sd.getVariable("x").mul(GradientOverrides.constantOperand("d"), in[1]));
        assertSame(plain, marked);
        assertTrue(marked.get("x").eq(0).castTo(DataType.FLOAT).sumNumber().doubleValue() > 0,
                "dropped elements get no gradient");
    }

    @Test
    void installMapsEveryOverriddenOpToItsSubclass() {
        assertTrue(GradientOverrides.installed(new org.nd4j.linalg.api.ops.impl.shape.Gather(),
                GradientOverrides.ScatterGather.class));
        assertTrue(GradientOverrides.installed(new org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm(),
                GradientOverrides.RowLayerNorm.class));
        assertTrue(GradientOverrides.installed(new org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd(),
                GradientOverrides.GemmBiasAdd.class));
        assertTrue(GradientOverrides.installed(
                new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp(),
                GradientOverrides.PassThroughAdd.class));
        assertTrue(GradientOverrides.installed(
                new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp(),
                GradientOverrides.ConstantFactorMul.class));
    }
}
