package dev.sweep.worker.bert;

import dev.sweep.worker.optim.GradientClipping;
import dev.sweep.worker.optim.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A BERT sequence classifier for one trial: its own copy of the encoder weights, a freshly initialised head, and
 * one SameDiff graph per static shape ({@link GraphShape}) that all share these arrays. Optimizers update the arrays
 * in place. With {@code frozen}, only the head trains: the encoder runs without dropout and the trainer can compute
 * pooled features once ({@link #pooled}) and train the head on them ({@link #headGradients}).
 */
public final class BertClassifier {

    private final BertConfig config;
    private final Map<String, INDArray> encoder;
    private final Map<String, INDArray> head;
    private final Pooling pooling;
    private final double hiddenDropout;
    private final double attentionDropout;
    private final boolean frozen;
    /** -Dsweep.bert.gradients=calculate uses calculateGradients (keeps a whole step's arrays; for comparisons). */
    private static final boolean CALCULATE_GRADIENTS = "calculate".equals(System.getProperty("sweep.bert.gradients"));
    private final Map<GraphShape, SameDiff> graphs = new HashMap<>();
    private final Map<GraphShape, SameDiff> headGraphs = new HashMap<>();
    /** Where each step's gradients are copied: reused, so a step's gradients hold until the next step. */
    private final Map<String, INDArray> gradientBuffers = new HashMap<>();
    private Map<String, INDArray> byModule;
    /** Training graphs of at least this many tokens use the row-wise gradients (see BertGraph). */
    private int rowGradientTokens = BertGraph.ROW_GRADIENT_MIN_TOKENS;

    private BertClassifier(BertConfig config, Map<String, INDArray> encoder, Map<String, INDArray> head,
                           Pooling pooling, double hiddenDropout, double attentionDropout, boolean frozen) {
        this.config = config;
        this.encoder = encoder;
        this.head = head;
        this.pooling = pooling;
        this.hiddenDropout = hiddenDropout;
        this.attentionDropout = attentionDropout;
        this.frozen = frozen;
    }

    /**
     * A classifier over a copy of {@code weights}; head weights ~ N(0, 0.02²) from {@code seed} (BERT's init), bias 0.
     */
    public static BertClassifier create(BertWeights weights, int classes, Pooling pooling, double dropout,
                                        double attentionDropout, boolean frozen, long seed) {
        GradientOverrides.install();
        if (classes < 2) {
            throw new IllegalArgumentException("classes >= 2 must hold, but got " + classes);
        }
        for (double p : new double[]{dropout, attentionDropout}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout in [0, 1) must hold, but got " + p);
            }
        }
        int h = weights.config().hidden();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[h * classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.02 * rng.nextGaussian());
        }
        Map<String, INDArray> head = new LinkedHashMap<>();
        head.put(BertGraph.HEAD_W, Nd4j.create(w, new long[]{h, classes}, 'c'));
        head.put(BertGraph.HEAD_B, Nd4j.zeros(DataType.FLOAT, classes));
        return new BertClassifier(weights.config(), fuseQkv(weights.copyParameters(), weights.config()), head,
                pooling, dropout, attentionDropout, frozen);
    }

    /**
     * Stores each layer's query, key and value weights as one [H, 3H] array (and their biases as one [3H]), the
     * operand of the graph's single QKV matmul: without it every step concatenates the three and splits the
     * gradient back (concat + concat_bp, ~15 ms of an 8×32 step). The module-named view is {@link #encoderWeights}.
     */
    private static Map<String, INDArray> fuseQkv(Map<String, INDArray> tensors, BertConfig config) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            String prefix = qkvPrefix(name);
            if (prefix == null) {
                out.put(name, e.getValue());
            } else if (name.endsWith("query.weight") || name.endsWith("query.bias")) {
                String kind = name.endsWith(".weight") ? "weight" : "bias";
                int axis = kind.equals("weight") ? 1 : 0;
                out.put(prefix + BertGraph.QKV + "." + kind, Nd4j.concat(axis, tensors.get(prefix + "query." + kind),
                        tensors.get(prefix + "key." + kind), tensors.get(prefix + "value." + kind)).dup('c'));
            }
        }
        return out;
    }

    /** "encoder.layer.N.attention.self." for a query/key/value tensor name, else null. */
    private static String qkvPrefix(String name) {
        int i = name.indexOf("attention.self.");
        if (i < 0 || name.contains(BertGraph.QKV)) {
            return null;
        }
        return name.substring(0, i + "attention.self.".length());
    }

    public BertConfig config() {
        return config;
    }

    public boolean frozen() {
        return frozen;
    }

    public int classes() {
        return (int) head.get(BertGraph.HEAD_B).length();
    }

    /**
     * The encoder arrays by module name, in the pretrained model's order (live: training changes them, and writes
     * to them reach the model). Query, key and value are column views of the fused QKV arrays the graph trains.
     */
    public Map<String, INDArray> encoderWeights() {
        if (byModule == null) {
            Map<String, INDArray> m = new LinkedHashMap<>();
            int h = config.hidden();
            for (String name : BertWeights.parameterNames(config)) {
                INDArray a = encoder.get(name);
                String prefix = qkvPrefix(name);
                if (a == null && prefix != null) {
                    String part = name.substring(prefix.length(), name.lastIndexOf('.'));
                    String kind = name.substring(name.lastIndexOf('.') + 1);
                    int k = List.of("query", "key", "value").indexOf(part);
                    INDArray fused = encoder.get(prefix + BertGraph.QKV + "." + kind);
                    INDArrayIndex cols = NDArrayIndex.interval((long) k * h, (long) (k + 1) * h);
                    a = kind.equals("weight") ? fused.get(NDArrayIndex.all(), cols) : fused.get(cols);
                }
                if (a == null) {
                    throw new IllegalStateException("encoder parameter must exist, but got none for " + name);
                }
                m.put(name, a);
            }
            byModule = m;
        }
        return byModule;
    }

    /** The head arrays, {@code classifier.weight} [H, C] and {@code classifier.bias} [C] (live). */
    public Map<String, INDArray> headWeights() {
        return head;
    }

    /** What trains: the head, plus the encoder unless frozen. Biases and LayerNorm parameters take no decay. */
    public List<Parameter> trainableParameters() {
        List<Parameter> out = new ArrayList<>();
        if (!frozen) {
            encoder.forEach((name, arr) -> out.add(new Parameter(name, arr, Parameter.decays(name))));
        }
        head.forEach((name, arr) -> out.add(new Parameter(name, arr, Parameter.decays(name))));
        return out;
    }

    /** Deep copy of every trainable array (a best checkpoint). */
    public Map<String, INDArray> snapshot() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        if (!frozen) {
            encoder.forEach((k, v) -> copy.put(k, v.dup()));
        }
        head.forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    /** Writes a {@link #snapshot()} back into the live arrays. */
    public void restore(Map<String, INDArray> snapshot) {
        snapshot.forEach((k, v) -> {
            INDArray target = encoder.containsKey(k) ? encoder.get(k) : head.get(k);
            if (target == null) {
                throw new IllegalArgumentException("snapshot entry must name a parameter, but got " + k);
            }
            target.assign(v);
        });
    }

    /** Inference (no dropout): one named output of the full graph, e.g. logits [B, C] or last_hidden_state [B·L, H]. */
    public INDArray infer(Batch batch, String output) {
        SameDiff sd = graph(new GraphShape(batch.batch(), batch.length(), false));
        return sd.outputSingle(inputs(batch), output);
    }

    public INDArray logits(Batch batch) {
        return infer(batch, BertGraph.LOGITS);
    }

    public INDArray hiddenStates(Batch batch) {
        return infer(batch, BertGraph.HIDDEN);
    }

    public INDArray pooled(Batch batch) {
        return infer(batch, BertGraph.POOLED);
    }

    /** Logits of the head alone on pooled features [B, H] (frozen road). */
    public INDArray headLogits(INDArray features) {
        SameDiff sd = headGraph((int) features.size(0), false);
        return sd.outputSingle(Map.of(BertGraph.FEATURES, features), BertGraph.LOGITS);
    }

    /**
     * Loss and gradients of every trainable parameter for one training batch (dropout masks from {@code masks}). The
     * gradient arrays are reused by the next call of this or {@link #headGradients}: copy what must outlive it.
     */
    public StepGradients gradients(Batch batch, DropoutMasks masks) {
        if (frozen) {
            throw new IllegalStateException("a frozen encoder trains through headGradients(features, batch, masks)");
        }
        GraphShape shape = new GraphShape(batch.batch(), batch.length(), true);
        SameDiff sd = graph(shape);
        Map<String, INDArray> ph = inputs(batch);
        INDArray[] lab = batch.labelArrays(classes());
        ph.put(BertGraph.LABELS, lab[0]);
        ph.put(BertGraph.WEIGHTS, lab[1]);
        ph.putAll(masks.forGraph(config, shape, hiddenDropout, attentionDropout));
        return run(sd, ph);
    }

    /** Loss and head gradients on precomputed pooled features [B, H] (frozen encoder). */
    public StepGradients headGradients(INDArray features, Batch batch, DropoutMasks masks) {
        SameDiff sd = headGraph(batch.batch(), true);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(BertGraph.FEATURES, features);
        INDArray[] lab = batch.labelArrays(classes());
        ph.put(BertGraph.LABELS, lab[0]);
        ph.put(BertGraph.WEIGHTS, lab[1]);
        if (hiddenDropout > 0) {
            ph.put(BertGraph.headDropout(), masks.draw(hiddenDropout, batch.batch(), config.hidden()));
        }
        return run(sd, ph);
    }

    private StepGradients run(SameDiff sd, Map<String, INDArray> ph) {
        if (CALCULATE_GRADIENTS) {
            List<String> names = trainableParameters().stream().map(Parameter::name).toList();
            OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of(BertGraph.LOSS), names);
            return new StepGradients(og.getOutputs().get(BertGraph.LOSS).getDouble(0), og.getGradients(), Double.NaN);
        }
        List<String> features = sd.getTrainingConfig().getDataSetFeatureMapping();
        INDArray[] f = new INDArray[features.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ph.get(features.get(i));
        }
        GradientCapture capture = new GradientCapture(BertGraph.WEIGHTS, ph.get(BertGraph.WEIGHTS), gradientBuffers);
        MultiDataSet batch = new MultiDataSet(f, new INDArray[]{ph.get(BertGraph.LABELS), ph.get(BertGraph.WEIGHTS)});
        sd.fit(batch, capture);
        if (capture.gradients().size() != trainableParameters().size() || Double.isNaN(capture.loss())
                && !capture.gradients().isEmpty() && !hasNaN(capture.gradients())) {
            throw new IllegalStateException("a gradient for every trainable parameter and the loss must be captured, "
                    + "but got " + capture.gradients().size() + " of " + trainableParameters().size()
                    + " gradients and loss " + capture.loss());
        }
        return new StepGradients(capture.loss(), capture.gradients(), capture.squaredNorm());
    }

    private static boolean hasNaN(Map<String, INDArray> grads) {
        for (INDArray g : grads.values()) {
            if (!Double.isFinite(g.sumNumber().doubleValue())) {
                return true;
            }
        }
        return false;
    }

    /** ND4J's fit with no updater and {@link GradientCapture}: the update it would apply is the gradient. */
    private static void trainingConfig(SameDiff g) {
        List<String> features = g.placeHolders().stream().map(SDVariable::name)
                .filter(n -> !n.equals(BertGraph.LABELS) && !n.equals(BertGraph.WEIGHTS)).sorted().toList();
        g.setTrainingConfig(TrainingConfig.builder().updater(new NoOp()).dataSetFeatureMapping(features)
                .dataSetLabelMapping(BertGraph.LABELS, BertGraph.WEIGHTS).build());
    }

    /**
     * Sets from how many tokens per batch training graphs use {@link GradientOverrides}' row-wise gradients (tests
     * and benchmarks compare both forms); only graphs built afterwards are affected.
     */
    BertClassifier rowGradientTokens(int tokens) {
        this.rowGradientTokens = tokens;
        return this;
    }

    /** Number of graphs built so far (memory checks). */
    public int graphCount() {
        return graphs.size() + headGraphs.size();
    }

    private Map<String, INDArray> inputs(Batch batch) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(BertGraph.INPUT_IDS, batch.idsArray());
        ph.put(BertGraph.TOKEN_TYPES, batch.typesArray());
        ph.put(BertGraph.ATTENTION_MASK, batch.maskArray());
        return ph;
    }

    private SameDiff graph(GraphShape shape) {
        SameDiff sd = graphs.computeIfAbsent(shape, s -> {
            SameDiff g = BertGraph.full(config, encoder, head, s, pooling, hiddenDropout > 0 && !frozen,
                    attentionDropout > 0 && !frozen, rowGradientTokens);
            if (s.training()) {
                trainingConfig(g);
            }
            return g;
        });
        return withoutArrayCache(sd);
    }

    private SameDiff headGraph(int batch, boolean training) {
        SameDiff sd = headGraphs.computeIfAbsent(new GraphShape(batch, 1, training), s -> {
            SameDiff g = BertGraph.headOnly(config.hidden(), head, batch, training, hiddenDropout > 0);
            if (training) {
                trainingConfig(g);
            }
            return g;
        });
        return withoutArrayCache(sd);
    }

    /**
     * Gives the graph (and its gradient function) an inference session without SameDiff's array cache for this
     * thread. Each graph's default session keeps its own cache of freed intermediate arrays (up to a fraction of
     * physical memory each), so one graph per bucket shape multiplied the process's footprint; without it,
     * intermediates are freed by the GC the trainer runs after every step. Training is not affected: {@code sd.fit}
     * makes a new {@code TrainingSession}, with ND4J's cache, for every step, and drops it after the step.
     */
    private static SameDiff withoutArrayCache(SameDiff sd) {
        if (!"default".equals(System.getProperty("sweep.bert.sessionCache"))) {
            noCache(sd);
            SameDiff grad = sd.getFunction("grad");
            if (grad != null) {
                noCache(grad);
            }
        }
        return sd;
    }

    private static void noCache(SameDiff sd) {
        long thread = Thread.currentThread().getId();
        InferenceSession session = sd.getSessions().get(thread);
        if (session == null || !(session.getMmgr() instanceof NoOpMemoryMgr)) {
            session = new InferenceSession(sd);
            session.setMmgr(new NoOpMemoryMgr());
            sd.getSessions().put(thread, session);
        }
    }

    /**
     * Loss of one step, the gradient of each trainable parameter by name, and Σ g² over all of them when known
     * (NaN otherwise).
     */
    public record StepGradients(double loss, Map<String, INDArray> gradients, double squaredNorm) {

        /** The global L2 norm of the gradients: from {@link #squaredNorm} when known, else computed. */
        public double globalNorm() {
            return Double.isNaN(squaredNorm) ? GradientClipping.globalNorm(gradients.values()) : Math.sqrt(squaredNorm);
        }
    }
}
