package dev.sweep.worker.bert;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted-dropout masks for one training step, drawn from a seeded native generator: each entry is 0 with
 * probability p, else 1/(1-p), so the graph's multiplication keeps the expectation and carries the gradient.
 * The same seed gives the same masks, step after step.
 */
public final class DropoutMasks implements AutoCloseable {

    private final Random rng;

    public DropoutMasks(long seed) {
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** A fresh mask of {@code shape} for drop probability {@code p} (p in [0, 1)). */
    public INDArray draw(double p, long... shape) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout in [0, 1) must hold, but got " + p);
        }
        INDArray mask = Nd4j.createUninitialized(DataType.FLOAT, shape);
        if (p == 0) {
            return mask.assign(1.0);
        }
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - p), rng);
        return mask.muli(1.0 / (1.0 - p));
    }

    /** Masks for every dropout placeholder of a training graph. */
    Map<String, INDArray> forGraph(BertConfig cfg, GraphShape shape, double hidden, double attention) {
        Map<String, INDArray> out = new HashMap<>();
        long n = (long) shape.batch() * shape.length();
        int h = cfg.hidden();
        if (hidden > 0) {
            out.put(BertGraph.embeddingDropout(), draw(hidden, n, h));
            out.put(BertGraph.headDropout(), draw(hidden, shape.batch(), h));
        }
        for (int i = 0; i < cfg.layers(); i++) {
            if (attention > 0) {
                out.put(BertGraph.attentionProbsDropout(i),
                        draw(attention, shape.batch(), cfg.heads(), shape.length(), shape.length()));
            }
            if (hidden > 0) {
                out.put(BertGraph.attentionOutputDropout(i), draw(hidden, n, h));
                out.put(BertGraph.ffnOutputDropout(i), draw(hidden, n, h));
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            rng.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the native dropout generator failed", e);
        }
    }
}
