package dev.sweep.worker.bert;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.impl.shape.Gather;

/**
 * Repairs the gradient of {@code sd.gather} in ND4J 1.0.0-M2.1, whose {@code Gather.doDiff} builds a while-loop of
 * {@code SDVariable.put} that fails for one gather (shape bug) and for two (sub-graph name clash). The fix is a
 * {@link Gather} subclass whose gradient is one {@code scatter_add} (duplicate ids accumulate), registered under
 * gather's op hash: SameDiff builds gradient functions on FlatBuffers clones of the ops, and the clone's class comes
 * from {@link DifferentialFunctionClassHolder}'s private hash-to-class map, so an instance in the graph is not
 * enough. {@link #install()} must run before any gradient is built; it is idempotent. Tied to M2.1: it fails with a
 * clear message if the private field is gone.
 */
public final class GatherGradientFix {

    private GatherGradientFix() {
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

    /** Registers {@link ScatterGather} for gather's op hash in this JVM (idempotent, thread-safe enough). */
    @SuppressWarnings("unchecked")
    public static synchronized void install() {
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        long hash = new Gather().opHash();
        try {
            Field single = holder.getClass().getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            Map<Long, Class<?>> byHash = (Map<Long, Class<?>>) single.get(holder);
            if (byHash.get(hash) != ScatterGather.class) {
                byHash.put(hash, ScatterGather.class);
            }
            Field multi = holder.getClass().getDeclaredField("customOpHashToClasses");
            multi.setAccessible(true);
            Map<Long, Map<String, Class<?>>> byHashAndName = (Map<Long, Map<String, Class<?>>>) multi.get(holder);
            Map<String, Class<?>> named = byHashAndName == null ? null : byHashAndName.get(hash);
            if (named != null) {
                named.replaceAll((name, cls) -> cls == Gather.class ? ScatterGather.class : cls);
            }
        } catch (NoSuchFieldException | IllegalAccessException | ClassCastException e) {
            throw new IllegalStateException("the gather-gradient fix needs DifferentialFunctionClassHolder's private "
                    + "field customOpHashToClass (ND4J 1.0.0-M2.1), but reflection failed: " + e
                    + "; embedding tables cannot be trained with this ND4J version", e);
        }
    }

    /** True when gather's hash resolves to {@link ScatterGather}. */
    public static boolean installed() {
        try {
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            Map<?, ?> byHash = (Map<?, ?>) single.get(DifferentialFunctionClassHolder.getInstance());
            return byHash.get(new Gather().opHash()) == ScatterGather.class;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
