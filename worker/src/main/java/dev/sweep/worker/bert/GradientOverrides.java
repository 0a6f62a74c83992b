package dev.sweep.worker.bert;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;

/**
 * Gradients of five SameDiff ops, replaced for ND4J 1.0.0-M2.1 where the built-in one is broken or slow. SameDiff
 * builds a graph's gradient function on FlatBuffers clones of its ops, and a clone's class comes from
 * {@link DifferentialFunctionClassHolder}'s private op-hash-to-class map, so a subclass placed in the graph is not
 * enough: {@link #install()} maps each op's hash to the subclass below. The forward ops still run ND4J's native
 * kernels; only the backward graph each subclass builds ({@code doDiff}) differs. Install before any gradient is
 * built; idempotent. Fails with a clear message if the private fields are gone.
 *
 * <ul>
 *   <li>{@code gather}: the built-in gradient builds a while-loop of {@code SDVariable.put} that fails for one gather
 *       (shape bug) and for two (sub-graph name clash). Here it is one {@code scatter_add} (duplicate ids
 *       accumulate).</li>
 *   <li>{@code biasadd} on [N, C] rows: the built-in {@code biasadd_bp} copies the output gradient into the input
 *       gradient and sums the bias gradient column by column, a strided reduction (37 ms at [4096, 1536] with 2
 *       threads). Here the input gradient is the output gradient itself (an identity, which SameDiff passes through
 *       without a copy) and the bias gradient is {@code onesᵀ · grad}, a GEMM (1.5 ms).</li>
 *   <li>{@code layer_norm} over axis 1 of [N, H] rows: {@code layer_norm_bp} recomputes the standardisation through
 *       the generic {@code standardize_bp} and reduces columns with strided loops (44 ms at [4096, 384]). Here the
 *       textbook backward is built from row reductions and broadcasts, and the gain and bias gradients are GEMMs
 *       (see {@link RowLayerNorm}).</li>
 *   <li>{@code add} and {@code multiply}: {@code add_bp} copies the output gradient into both operands' gradients
 *       (and reduces it for a broadcast one, 15 ms for the attention mask at [32, 12, 128, 128]); {@code multiply_bp}
 *       also computes the gradient of a dropout mask. For ops the graph builder marked (residual sums, mask adds,
 *       dropout), the gradients are passed through or computed for the first operand only
 *       ({@link PassThroughAdd}, {@link ConstantFactorMul}).</li>
 * </ul>
 *
 * The row-wise gradients apply only where the graph builder opted in, per op and per graph: the op's output is named
 * with {@link #rows} and the graph holds a {@link #ROW_ONES} constant of its N. They take more (cheap) ops than the
 * native ones, so they pay off on large batches only (see BertGraph).
 */
public final class GradientOverrides {

    /**
     * Output-name prefix of the layer norms and bias adds whose input is [N, C] rows and whose graph holds the
     * {@link #ROW_ONES} constant: only these get the row-wise gradients below.
     */
    static final String ROWS = "rows.";
    /** Name of the [N, 1] ones constant that turns column sums into GEMMs. */
    static final String ROW_ONES = "rows.ones";
    /** Output-name prefix of an add of two same-shape arrays: both gradients are the output's, passed through. */
    static final String SUM = "sum.";
    /**
     * Output-name prefix of an add or multiply whose second operand is a constant of the step (attention mask,
     * dropout mask): it gets no gradient, and the first operand has the output's shape.
     */
    static final String CONSTANT_OPERAND = "const2.";

    private GradientOverrides() {
    }

    /** The output name that gives a layer norm or bias add over [N, C] rows the row-wise gradient. */
    static String rows(String name) {
        return ROWS + name;
    }

    /** The output name of an add of two same-shape arrays, whose gradients are passed through. */
    static String sum(String name) {
        return SUM + name;
    }

    /** The output name of an add or multiply whose second operand needs no gradient ({@link #CONSTANT_OPERAND}). */
    static String constantOperand(String name) {
        return CONSTANT_OPERAND + name;
    }

    /** A gather whose gradient with respect to the table is a scatter-add of the output gradient. */
    public static class ScatterGather extends Gather {
        public ScatterGather() {
            super();
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradOut) {
            SDVariable table = arg(0);
            SDVariable ids = arg(1);
            return Arrays.asList(sameDiff.scatterAdd(sameDiff.zerosLike(table), ids, gradOut.get(0)),
                    sameDiff.zerosLike(ids));
        }
    }

    /** A bias add on {@link #rows marked} [N, C] rows whose gradients are a pass-through and one GEMM. */
    public static class GemmBiasAdd extends BiasAdd {
        public GemmBiasAdd() {
            super();
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradOut) {
            SDVariable ones = rowOnes(this);
            if (ones == null) {
                return super.doDiff(gradOut);
            }
            SDVariable grad = gradOut.get(0);
            return Arrays.asList(sameDiff.identity(grad), columnSums(sameDiff, grad, ones));
        }
    }

    /**
     * A layer norm over axis 1 of an [N, H] input, with gain and bias, whose gradient is composed of cheap ops: with
     * x̂ = (x − μ)/σ (σ the population standard deviation, no epsilon, as ND4J's {@code standardize}) and
     * ĝ = dy ∘ γ, dx = (ĝ − mean(ĝ) − x̂ ∘ mean(ĝ ∘ x̂)) / σ (means over the row), dγ = Σₙ dy ∘ x̂, dβ = Σₙ dy.
     * Applies only to layer norms {@link #rows marked} by the graph builder (which vouches for the rank); any other
     * layer norm keeps ND4J's gradient.
     */
    public static class RowLayerNorm extends LayerNorm {
        public RowLayerNorm() {
            super();
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradOut) {
            SDVariable[] in = args();
            boolean channelsFirst = !bArguments.isEmpty() && bArguments.get(0);
            SDVariable ones = rowOnes(this);
            if (ones == null || in.length != 3 || channelsFirst || !iArguments.equals(List.of(1L))) {
                return super.doDiff(gradOut);
            }
            SameDiff sd = sameDiff;
            SDVariable x = in[0];
            SDVariable dy = gradOut.get(0);
            SDVariable[] moments = sd.math.moments(x, new int[]{1}, true);
            SDVariable inv = sd.math.rsqrt(moments[1]);
            SDVariable xhat = x.sub(moments[0]).mul(inv);
            SDVariable g = dy.mul(in[1]);
            SDVariable meanG = sd.mean(g, true, 1);
            SDVariable meanGx = sd.mean(g.mul(xhat), true, 1);
            SDVariable dx = g.sub(meanG).sub(xhat.mul(meanGx)).mul(inv);
            return Arrays.asList(dx, columnSums(sd, dy.mul(xhat), ones), columnSums(sd, dy, ones));
        }
    }

    /**
     * An add whose {@code add_bp} (which copies the output gradient into both input gradients, and reduces it for a
     * broadcast operand) is skipped where the graph builder marked the op: a {@link #sum} passes the gradient through
     * to both operands; with a {@link #constantOperand} it passes to the first, and the second's gradient (a zeros
     * array nothing asks for, so never computed) stands in for none.
     */
    public static class PassThroughAdd extends AddOp {
        public PassThroughAdd() {
            super();
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradOut) {
            String out = outputVariable().name();
            SDVariable grad = gradOut.get(0);
            if (out.startsWith(SUM)) {
                return Arrays.asList(sameDiff.identity(grad), sameDiff.identity(grad));
            }
            if (out.startsWith(CONSTANT_OPERAND)) {
                return Arrays.asList(sameDiff.identity(grad), sameDiff.zerosLike(arg(1)));
            }
            return super.doDiff(gradOut);
        }
    }

    /**
     * A multiply by a {@link #constantOperand} (a dropout mask): the first operand's gradient is grad ∘ mask, and
     * {@code multiply_bp}'s second product (grad ∘ x, the mask's gradient that nothing uses) is not computed.
     */
    public static class ConstantFactorMul extends MulOp {
        public ConstantFactorMul() {
            super();
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradOut) {
            if (outputVariable().name().startsWith(CONSTANT_OPERAND)) {
                return Arrays.asList(gradOut.get(0).mul(arg(1)), sameDiff.zerosLike(arg(1)));
            }
            return super.doDiff(gradOut);
        }
    }

    /**
     * The graph's {@link #ROW_ONES} constant when {@code op}'s output is {@link #rows marked} as [N, C] rows and the
     * graph has it; null otherwise (the op keeps ND4J's gradient).
     */
    private static SDVariable rowOnes(DifferentialFunction op) {
        SameDiff sd = op.getSameDiff();
        boolean marked = op.outputVariables().length == 1 && op.outputVariables()[0].name().startsWith(ROWS);
        return marked && sd.hasVariable(ROW_ONES) ? sd.getVariable(ROW_ONES) : null;
    }

    /** Σ over rows of {@code rows} [N, C] as a [C] vector: onesᵀ · rows, one GEMM ({@code ones} is [N, 1]). */
    private static SDVariable columnSums(SameDiff sd, SDVariable rows, SDVariable ones) {
        return sd.reshape(sd.mmul(ones, rows, true, false, false), -1);
    }

    /** Registers the overrides for this JVM (idempotent). */
    public static synchronized void install() {
        register(new Gather(), ScatterGather.class);
        register(new BiasAdd(), GemmBiasAdd.class);
        register(new LayerNorm(), RowLayerNorm.class);
        register(new AddOp(), PassThroughAdd.class);
        register(new MulOp(), ConstantFactorMul.class);
    }

    @SuppressWarnings("unchecked")
    private static void register(DynamicCustomOp op, Class<? extends DifferentialFunction> replacement) {
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        long hash = op.opHash();
        Class<?> original = op.getClass();
        try {
            Field single = holder.getClass().getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            Map<Long, Class<?>> byHash = (Map<Long, Class<?>>) single.get(holder);
            byHash.put(hash, replacement);
            Field multi = holder.getClass().getDeclaredField("customOpHashToClasses");
            multi.setAccessible(true);
            Map<Long, Map<String, Class<?>>> byHashAndName = (Map<Long, Map<String, Class<?>>>) multi.get(holder);
            Map<String, Class<?>> named = byHashAndName == null ? null : byHashAndName.get(hash);
            if (named != null) {
                named.replaceAll((name, cls) -> cls == original ? replacement : cls);
            }
        } catch (NoSuchFieldException | IllegalAccessException | ClassCastException e) {
            throw new IllegalStateException("the gradient overrides need DifferentialFunctionClassHolder's private "
                    + "field customOpHashToClass (ND4J 1.0.0-M2.1), but reflection failed: " + e
                    + "; BERT cannot be trained with this ND4J version", e);
        }
    }

    /** True when {@code op}'s hash resolves to {@code replacement}. */
    static boolean installed(DynamicCustomOp op, Class<?> replacement) {
        try {
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            Map<?, ?> byHash = (Map<?, ?>) single.get(DifferentialFunctionClassHolder.getInstance());
            return byHash.get(op.opHash()) == replacement;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
