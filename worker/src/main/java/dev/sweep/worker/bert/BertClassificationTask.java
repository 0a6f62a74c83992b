package dev.sweep.worker.bert;

import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.worker.data.DatasetRequest;
import dev.sweep.worker.data.DatasetSplits;
import dev.sweep.worker.data.Datasets;
import dev.sweep.worker.data.Example;
import dev.sweep.worker.task.Task;
import dev.sweep.worker.task.TaskOutcome;
import dev.sweep.worker.task.TrialContext;
import dev.sweep.worker.text.Encoding;
import dev.sweep.worker.text.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code task.type: bert-classification}: fine-tunes a pretrained BERT (from the langchain4j model jars or any BERT
 * ONNX file + tokenizer.json) on a text classification dataset with ND4J/SameDiff. Lives as long as its worker, so it
 * keeps the last pretrained model, its tokenizer, the last dataset, its tokenised splits and (for frozen encoders)
 * pooled features across trials: a sweep over optimizer settings loads and tokenises once.
 */
public final class BertClassificationTask implements Task {

    private static final Logger LOG = LoggerFactory.getLogger(BertClassificationTask.class);

    private final Datasets datasets;
    private final Path baseDir;
    private final Map<String, LoadedModel> models = lru(2);
    private final Map<DatasetRequest, DatasetSplits> data = lru(2);
    private final Map<List<Object>, EncodedSplit[]> encoded = lru(4);
    private final Map<List<Object>, FrozenFeatures[]> frozen = lru(4);

    /** For the worker's ServiceLoader: datasets from the environment, relative model paths from the working dir. */
    public BertClassificationTask() {
        this(Datasets.fromEnvironment(), Path.of("").toAbsolutePath());
    }

    public BertClassificationTask(Datasets datasets, Path baseDir) {
        this.datasets = datasets;
        this.baseDir = baseDir;
    }

    @Override
    public String type() {
        return "bert-classification";
    }

    private record LoadedModel(ModelSource source, BertWeights weights, WordPieceTokenizer tokenizer) {
    }

    @Override
    public TaskOutcome run(TrialSpec trial, TrialContext context) throws Exception {
        Map<String, Object> task = trial.task();
        BertParams p = BertParams.from(task, trial.params(), trial.seed());
        TrainingSettings s = p.training();
        ModelSource source = ModelSource.resolve(task.get("model"), baseDir);
        LoadedModel model = model(source);
        DatasetRequest request = DatasetRequest.fromTask(task, trial.params());
        DatasetSplits splits = data.get(request);
        if (splits == null) {
            splits = datasets.load(request);
            data.put(request, splits);
        }
        List<Object> encKey = List.of(source.id(), splits.id(), s.maxLen());
        DatasetSplits sp = splits;
        EncodedSplit[] enc = encoded.computeIfAbsent(encKey, k -> new EncodedSplit[]{
                encode(model.tokenizer(), sp.train(), s.maxLen()), encode(model.tokenizer(), sp.validation(),
                s.maxLen()), encode(model.tokenizer(), sp.test(), s.maxLen())});
        int classes = Math.max(2, splits.labels().size());
        context.provenance(provenance(model, splits, p));
        BertClassifier classifier = BertClassifier.create(model.weights(), classes, p.pooling(), p.dropout(),
                p.attentionDropout(), p.freezeEncoder(), s.seed());
        FrozenFeatures[] features = null;
        if (p.freezeEncoder()) {
            List<Object> key = List.of(source.id(), splits.id(), s.maxLen(), p.pooling());
            features = frozen.get(key);
            if (features == null) {
                LOG.info("frozen encoder: computing pooled features once for {} examples",
                        enc[0].size() + enc[1].size() + enc[2].size());
                features = new FrozenFeatures[]{FrozenFeatures.compute(classifier, enc[0], s.batchSize(), s.maxLen()),
                        FrozenFeatures.compute(classifier, enc[1], s.batchSize(), s.maxLen()),
                        FrozenFeatures.compute(classifier, enc[2], s.batchSize(), s.maxLen())};
                frozen.put(key, features);
            }
        }
        BertTrainer.Result result = new BertTrainer(s).train(classifier, enc[0], enc[1], enc[2],
                features == null ? null : features[0], features == null ? null : features[1],
                features == null ? null : features[2], context);
        if (p.keepCheckpoint() && result.lastStep() > 0) {
            Path dir = context.workDir().resolve("best");
            OnnxExporter.export(model.source(), model.weights(), classifier, p.pooling(), splits.labels(), dir);
            LOG.info("best checkpoint (step {}) exported to {}", result.bestStep(), dir);
        }
        return new TaskOutcome(result.metrics(), result.stopped(), result.lastStep());
    }

    private LoadedModel model(ModelSource source) throws IOException {
        LoadedModel m = models.get(source.id());
        if (m == null) {
            BertWeights weights = BertWeights.load(source);
            WordPieceTokenizer tok;
            try (InputStream in = source.tokenizer().open()) {
                tok = WordPieceTokenizer.fromTokenizerJson(in);
            }
            if (tok.vocabSize() > weights.config().vocab()) {
                throw new IllegalArgumentException("model " + source.id() + ": tokenizer vocabulary <= embedding rows "
                        + "must hold, but got (tokenizer=" + tok.vocabSize() + ", embeddings="
                        + weights.config().vocab() + ")");
            }
            m = new LoadedModel(source, weights, tok);
            models.put(source.id(), m);
            LOG.info("model {} loaded: {} (sha256 {})", source.id(), weights.config(), weights.sha256());
        }
        return m;
    }

    static EncodedSplit encode(WordPieceTokenizer tok, List<Example> examples, int maxLen) {
        List<Encoding> enc = new ArrayList<>(examples.size());
        int[] labels = new int[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            Example e = examples.get(i);
            enc.add(tok.encode(e.textA(), e.textB(), maxLen));
            labels[i] = e.label();
        }
        return new EncodedSplit(enc, labels);
    }

    private static Map<String, String> provenance(LoadedModel model, DatasetSplits splits, BertParams p) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("model", model.source().id());
        out.put("model_sha256", model.weights().sha256());
        out.put("model_config", model.weights().config().toString());
        out.put("dataset", splits.id());
        out.put("nd4j_version", nd4jVersion());
        out.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        String omp = System.getenv("OMP_NUM_THREADS");
        out.put("threads", omp != null ? omp : Integer.toString(Nd4j.getEnvironment().maxThreads()));
        out.put("seed", Long.toString(p.training().seed()));
        return out;
    }

    static String nd4jVersion() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                java.util.Properties props = new java.util.Properties();
                props.load(in);
                return props.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            LOG.debug("no nd4j-api pom.properties", e);
        }
        String v = Nd4j.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
