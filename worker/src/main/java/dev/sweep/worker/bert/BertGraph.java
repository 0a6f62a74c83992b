package dev.sweep.worker.bert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A BERT encoder plus classification head written natively in SameDiff for one static [batch, length].
 *
 * <p>Why native and not ND4J's ONNX importer: the 1.0.0-M2.1 importer needs eleven fixes to run a BERT export, two
 * of them silent (every imported MatMul had alpha=0; ReduceMean with a negative axis is garbage for batch > 1), and
 * its graph is anyway static per shape. This graph, built from the ONNX initializers, matched ONNX Runtime to ~3e-6
 * on real tokens (see BertParityTest) and trains every parameter, embeddings included (with
 * {@link GradientOverrides}).
 *
 * <p>Layout: hidden states stay [B·L, H] so every dense layer is a 2-D mmul; attention reshapes to
 * [B, heads, L, d] with an additive mask and {@code softmax(·, 3)}; {@code sd.nn.layerNorm} (no epsilon; BERT's
 * 1e-12 is negligible); erf-GELU composed ({@code sd.nn.gelu} is an approximation). Dropout is a multiplication by
 * mask placeholders that the trainer fills per step (ND4J's dropout ops have no gradient and act at inference too);
 * inference graphs have no masks. Variables are the caller's arrays, shared by every graph of one model, so an
 * optimizer updating them in place updates all shapes at once.
 */
final class BertGraph {

    static final String INPUT_IDS = "input_ids";
    static final String TOKEN_TYPES = "token_type_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String LABELS = "labels";
    static final String WEIGHTS = "example_weights";
    static final String FEATURES = "features";
    static final String HIDDEN = "last_hidden_state";
    static final String POOLED = "pooled";
    static final String LOGITS = "logits";
    static final String LOSS = "loss";
    static final String HEAD_W = "classifier.weight";
    static final String HEAD_B = "classifier.bias";
    /** Module of a layer's fused query/key/value weight [H, 3H] and bias [3H], under "…attention.self.". */
    static final String QKV = "qkv";
    /**
     * Q, K and V in one matmul (default). Weights stored fused (BertClassifier) are used as they are; separate ones
     * are concatenated in the graph, or, with -Dsweep.bert.fusedQkv=false, multiplied separately (comparisons).
     */
    private static final boolean FUSED_QKV = !"false".equals(System.getProperty("sweep.bert.fusedQkv"));
    /**
     * Training graphs of at least this many tokens (batch × length) take {@link GradientOverrides}' row-wise layer
     * norm and bias gradients: more ops than ND4J's, each cheap, so they win where the arrays are large and lose
     * where SameDiff's per-op cost dominates (see worker/BENCHMARKS.md). -Dsweep.bert.rowGradientTokens overrides.
     */
    static final int ROW_GRADIENT_MIN_TOKENS = Integer.getInteger("sweep.bert.rowGradientTokens", 1024);

    private BertGraph() {
    }

    static String embeddingDropout() {
        return "drop.embeddings";
    }

    static String attentionOutputDropout(int layer) {
        return "drop.attention_output." + layer;
    }

    static String ffnOutputDropout(int layer) {
        return "drop.ffn_output." + layer;
    }

    static String attentionProbsDropout(int layer) {
        return "drop.attention_probs." + layer;
    }

    static String headDropout() {
        return "drop.head";
    }

    /**
     * The full model: encoder + head (+ loss and dropout masks when {@code shape.training()}).
     *
     * @param encoder encoder arrays by {@link BertWeights#parameterNames} name; trainable unless {@code frozen}
     * @param head    {@link #HEAD_W} [H, C] and {@link #HEAD_B} [C]
     * @param rowGradientTokens training graphs of at least this many tokens use row-wise gradients (see
     *                {@link #ROW_GRADIENT_MIN_TOKENS})
     */
    static SameDiff full(BertConfig cfg, Map<String, INDArray> encoder, Map<String, INDArray> head, GraphShape shape,
                         Pooling pooling, boolean hiddenDropout, boolean attentionDropout, int rowGradientTokens) {
        SameDiff sd = SameDiff.create();
        int b = shape.batch();
        int l = shape.length();
        int n = b * l;
        int h = cfg.hidden();
        boolean train = shape.training();
        boolean rows = train && n >= rowGradientTokens;
        if (rows) {
            sd.constant(GradientOverrides.ROW_ONES, Nd4j.ones(DataType.FLOAT, n, 1));
        }
        SDVariable ids = sd.placeHolder(INPUT_IDS, DataType.INT, n);
        SDVariable types = sd.placeHolder(TOKEN_TYPES, DataType.INT, n);
        SDVariable mask = sd.placeHolder(ATTENTION_MASK, DataType.FLOAT, b, l);
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i % l;
        }
        SDVariable posIds = sd.constant("position_ids", Nd4j.createFromArray(positions));
        SDVariable x = sd.gather(var(sd, encoder, "embeddings.word_embeddings.weight"), ids, 0)
                .add(GradientOverrides.sum("embeddings.word_position"),
                        sd.gather(var(sd, encoder, "embeddings.position_embeddings.weight"), posIds, 0))
                .add(GradientOverrides.sum("embeddings.sum"),
                        sd.gather(var(sd, encoder, "embeddings.token_type_embeddings.weight"), types, 0));
        x = layerNorm(sd, rows, "embeddings", x, var(sd, encoder, "embeddings.LayerNorm.weight"),
                var(sd, encoder, "embeddings.LayerNorm.bias"));
        if (train && hiddenDropout) {
            x = dropout(sd, x, embeddingDropout(), n, h);
        }
        SDVariable maskAdd = sd.reshape(mask.rsub(1.0).mul(-1e9), b, 1, 1, l);
        for (int i = 0; i < cfg.layers(); i++) {
            x = layer(sd, cfg, encoder, i, x, maskAdd, b, l, rows, train && hiddenDropout, train && attentionDropout);
        }
        sd.identity(HIDDEN, x);
        SDVariable pooled;
        if (pooling == Pooling.CLS) {
            int[] cls = new int[b];
            for (int i = 0; i < b; i++) {
                cls[i] = i * l;
            }
            pooled = sd.gather(x, sd.constant("cls_rows", Nd4j.createFromArray(cls)), 0);
        } else {
            SDVariable m3 = sd.reshape(mask, b, l, 1);
            pooled = sd.reshape(x, b, l, h).mul(m3).sum(1).div(mask.sum(true, 1));
        }
        sd.identity(POOLED, pooled);
        headOnTop(sd, head, pooled, b, h, train && hiddenDropout, train);
        return sd;
    }

    /** Only the head, reading pooled features [B, H] (the frozen-encoder road: features are computed once). */
    static SameDiff headOnly(int hidden, Map<String, INDArray> head, int batch, boolean training, boolean dropout) {
        SameDiff sd = SameDiff.create();
        SDVariable features = sd.placeHolder(FEATURES, DataType.FLOAT, batch, hidden);
        headOnTop(sd, head, features, batch, hidden, training && dropout, training);
        return sd;
    }

    private static void headOnTop(SameDiff sd, Map<String, INDArray> head, SDVariable pooled, int b, int h,
                                  boolean dropout, boolean withLoss) {
        if (dropout) {
            pooled = dropout(sd, pooled, headDropout(), b, h);
        }
        SDVariable logits = pooled.mmul(var(sd, head, HEAD_W)).add(LOGITS, var(sd, head, HEAD_B));
        if (withLoss) {
            int classes = (int) head.get(HEAD_B).length();
            SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, b, classes);
            SDVariable weights = sd.placeHolder(WEIGHTS, DataType.FLOAT, b);
            SDVariable loss = sd.loss.softmaxCrossEntropy(LOSS, labels, logits, weights,
                    LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
            sd.setLossVariables(loss);
        }
    }

    private static SDVariable layer(SameDiff sd, BertConfig cfg, Map<String, INDArray> w, int i, SDVariable x,
                                    SDVariable maskAdd, int b, int l, boolean rows, boolean hiddenDropout,
                                    boolean attnDropout) {
        String p = "encoder.layer." + i + ".";
        int n = b * l;
        int h = cfg.hidden();
        int heads = cfg.heads();
        int d = cfg.headSize();
        SDVariable scores;
        SDVariable vh;
        if (FUSED_QKV || w.containsKey(p + "attention.self." + QKV + ".weight")) {
            // one [N,H]x[H,3H] matmul and one reshape/permute instead of three: fewer ops, forward and backward
            String a = p + "attention.self.";
            SDVariable wqkv;
            SDVariable bqkv;
            if (w.containsKey(a + QKV + ".weight")) { // stored fused (BertClassifier): no concat per step
                wqkv = var(sd, w, a + QKV + ".weight");
                bqkv = var(sd, w, a + QKV + ".bias");
            } else {
                wqkv = sd.concat(1, var(sd, w, a + "query.weight"), var(sd, w, a + "key.weight"),
                        var(sd, w, a + "value.weight"));
                bqkv = sd.concat(0, var(sd, w, a + "query.bias"), var(sd, w, a + "key.bias"),
                        var(sd, w, a + "value.bias"));
            }
            SDVariable qkv = sd.permute(sd.reshape(addBias(sd, rows, a + QKV, x.mmul(wqkv), bqkv), b, l, 3, heads, d),
                    2, 0, 3, 1, 4);
            SDVariable[] parts = sd.unstack(qkv, 0, 3);
            scores = sd.mmul(parts[0].mul(1.0 / Math.sqrt(d)), parts[1], false, true, false);
            vh = parts[2];
        } else {
            SDVariable q = dense(sd, rows, w, x, p + "attention.self.query").mul(1.0 / Math.sqrt(d));
            SDVariable k = dense(sd, rows, w, x, p + "attention.self.key");
            SDVariable v = dense(sd, rows, w, x, p + "attention.self.value");
            SDVariable qh = sd.permute(sd.reshape(q, b, l, heads, d), 0, 2, 1, 3);
            SDVariable kh = sd.permute(sd.reshape(k, b, l, heads, d), 0, 2, 3, 1);
            vh = sd.permute(sd.reshape(v, b, l, heads, d), 0, 2, 1, 3);
            scores = sd.mmul(qh, kh);
        }
        SDVariable masked = scores.add(GradientOverrides.constantOperand(p + "masked_scores"), maskAdd);
        SDVariable probs = sd.nn.softmax(masked, 3);
        if (attnDropout) {
            probs = dropout(sd, probs, attentionProbsDropout(i), b, heads, l, l);
        }
        SDVariable ctx = sd.reshape(sd.permute(sd.mmul(probs, vh), 0, 2, 1, 3), n, h);
        SDVariable attnOut = dense(sd, rows, w, ctx, p + "attention.output.dense");
        if (hiddenDropout) {
            attnOut = dropout(sd, attnOut, attentionOutputDropout(i), n, h);
        }
        SDVariable h1 = layerNorm(sd, rows, p + "attention.output", attnOut.add(GradientOverrides.sum(p + "res1"), x),
                var(sd, w, p + "attention.output.LayerNorm.weight"), var(sd, w, p + "attention.output.LayerNorm.bias"));
        SDVariable inter = gelu(dense(sd, rows, w, h1, p + "intermediate.dense"));
        SDVariable out = dense(sd, rows, w, inter, p + "output.dense");
        if (hiddenDropout) {
            out = dropout(sd, out, ffnOutputDropout(i), n, h);
        }
        return layerNorm(sd, rows, p + "output", out.add(GradientOverrides.sum(p + "res2"), h1),
                var(sd, w, p + "output.LayerNorm.weight"),
                var(sd, w, p + "output.LayerNorm.bias"));
    }

    /** x ∘ mask, the mask a placeholder of the given name and shape filled per step; the mask gets no gradient. */
    private static SDVariable dropout(SameDiff sd, SDVariable x, String placeholder, long... shape) {
        SDVariable mask = sd.placeHolder(placeholder, DataType.FLOAT, shape);
        return x.mul(GradientOverrides.constantOperand(placeholder), mask);
    }

    private static SDVariable dense(SameDiff sd, boolean rows, Map<String, INDArray> w, SDVariable x, String module) {
        return addBias(sd, rows, module, x.mmul(var(sd, w, module + ".weight")), var(sd, w, module + ".bias"));
    }

    /** x [N, C] + bias [C]; with {@code rows}, an op whose gradient is {@link GradientOverrides}' GEMM form. */
    private static SDVariable addBias(SameDiff sd, boolean rows, String module, SDVariable x, SDVariable bias) {
        return rows ? sd.nn.biasAdd(GradientOverrides.rows(module), x, bias, false) : x.add(bias);
    }

    /**
     * LayerNorm over axis 1 of [N, H] (ND4J's has no epsilon; BERT's 1e-12 is far below float resolution of the
     * variance of these rows); with {@code rows}, its gradient is {@link GradientOverrides}' row-wise one.
     */
    private static SDVariable layerNorm(SameDiff sd, boolean rows, String module, SDVariable x, SDVariable gain,
                                        SDVariable bias) {
        return rows ? sd.nn.layerNorm(GradientOverrides.rows(module + ".LayerNorm"), x, gain, bias, false, 1)
                : sd.nn.layerNorm(x, gain, bias, false, 1);
    }

    /** BERT's exact GELU: x · ½ · (1 + erf(x / √2)). */
    static SDVariable gelu(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return x.mul(0.5).mul(sd.math.erf(x.mul(1.0 / Math.sqrt(2.0))).add(1.0));
    }

    private static SDVariable var(SameDiff sd, Map<String, INDArray> arrays, String name) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        INDArray arr = arrays.get(name);
        if (arr == null) {
            throw new IllegalArgumentException("parameter must exist, but got no array for " + name);
        }
        return sd.var(name, arr);
    }

    /** Names of the dropout placeholders a training graph of this config has. */
    static List<String> dropoutPlaceholders(BertConfig cfg, boolean hiddenDropout, boolean attentionDropout) {
        List<String> names = new ArrayList<>();
        if (hiddenDropout) {
            names.add(embeddingDropout());
        }
        for (int i = 0; i < cfg.layers(); i++) {
            if (attentionDropout) {
                names.add(attentionProbsDropout(i));
            }
            if (hiddenDropout) {
                names.add(attentionOutputDropout(i));
                names.add(ffnOutputDropout(i));
            }
        }
        if (hiddenDropout) {
            names.add(headDropout());
        }
        return names;
    }
}
