package dev.sweep.worker.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads a {@link DatasetRequest} into train/validation/test splits: resolves the files, reads them (every broken row
 * is reported with its file and line; the first five are shown), holds out a validation split where the dataset has
 * none, subsamples and caps (stratified, seeded), and names the result with a provenance id.
 */
public final class Datasets {
    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);
    /** Share of train held out for validation when a dataset has no validation split. */
    static final double VALIDATION_SHARE = 0.1;
    private static final long VALIDATION_SALT = 0x76616C69L;
    private static final long FRACTION_SALT = 0x66726163L;
    private static final long TRAIN_CAP_SALT = 0x74726169L;
    private static final long EVAL_CAP_SALT = 0x6576616CL;

    private final DatasetResolver resolver;

    public Datasets(DatasetResolver resolver) {
        this.resolver = resolver;
    }

    /** Datasets resolved from this process's environment (see {@link DatasetResolver#fromEnvironment()}). */
    public static Datasets fromEnvironment() {
        return new Datasets(DatasetResolver.fromEnvironment());
    }

    /**
     * @throws DatasetException     the dataset is unknown, missing, not downloadable or has broken rows
     * @throws InterruptedException while waiting for a download
     */
    public DatasetSplits load(DatasetRequest request) throws InterruptedException {
        Loaded loaded = request.source() instanceof DatasetSource.Files files ? loadFiles(files, request)
                : loadBuiltin(BuiltinDatasets.get(request.source().name()), request);
        List<BadRow> bad = loaded.badRows();
        if (!bad.isEmpty()) {
            if (!request.skipBadRows()) {
                throw new DatasetException(badRowsMessage(loaded.name(), bad), bad, null);
            }
            LOG.warn("dataset {}: skipped {} bad rows (skip_bad_rows: true); the first: {}", loaded.name(),
                    bad.size(), bad.get(0));
        }
        if (loaded.train().isEmpty()) {
            throw new DatasetException("dataset '" + loaded.name() + "': no usable training examples in "
                    + loaded.files().keySet());
        }
        List<Example> train = loaded.train();
        List<Example> validation = loaded.validation();
        List<Example> test = loaded.test();
        long seed = request.splitSeed();
        if (request.fraction() < 1.0) {
            int k = Math.max(1, (int) Math.round(train.size() * request.fraction()));
            train = Sampling.pick(train, Sampling.stratified(labels(train), k, seed ^ FRACTION_SALT));
        }
        if (request.maxTrainExamples() != null) {
            train = Sampling.pick(train, Sampling.stratified(labels(train), request.maxTrainExamples(),
                    seed ^ TRAIN_CAP_SALT));
        }
        if (request.maxEvalExamples() != null) {
            validation = Sampling.pick(validation, Sampling.stratified(labels(validation),
                    request.maxEvalExamples(), seed ^ EVAL_CAP_SALT));
            test = Sampling.pick(test, Sampling.stratified(labels(test), request.maxEvalExamples(),
                    seed ^ EVAL_CAP_SALT));
        }
        String id = provenance(request, loaded, request.skipBadRows() ? bad.size() : 0);
        LOG.info("dataset {}: train {}, validation {}, test {} examples", id, train.size(), validation.size(),
                test.size());
        return new DatasetSplits(id, loaded.labels().names(), loaded.pairs(), train, validation, test);
    }

    /** Everything read, before subsampling; {@code files} maps each file's display name to its SHA-256. */
    private record Loaded(String name, LabelSet labels, boolean pairs, List<Example> train, List<Example> validation,
                          List<Example> test, Map<String, String> files, List<BadRow> badRows) {
    }

    private Loaded loadBuiltin(BuiltinDatasets.Builtin def, DatasetRequest request) throws InterruptedException {
        DatasetResolver.Resolution where = resolver.resolve(def.name(), def.files(), request.dataDir());
        Map<String, String> files = new LinkedHashMap<>();
        List<BadRow> bad = new ArrayList<>();
        List<Example> train = read(where.root(), def.train(), def.labels(), files, bad);
        List<Example> validation;
        List<Example> test;
        if (def.groupSplit()) {
            int[][] parts = Sampling.groupSplit(train.stream().map(Example::textA).toList(),
                    new double[] {0.8, 0.1, 0.1}, request.splitSeed() ^ VALIDATION_SALT);
            validation = Sampling.pick(train, parts[1]);
            test = Sampling.pick(train, parts[2]);
            train = Sampling.pick(train, parts[0]);
        } else {
            validation = read(where.root(), def.validation(), def.labels(), files, bad);
            test = def.test() == null ? List.of() : read(where.root(), def.test(), def.labels(), files, bad);
        }
        return new Loaded(def.name(), def.labels(), def.pairs(), train, validation, test, files, bad);
    }

    private static List<Example> read(Path root, BuiltinDatasets.FileSpec spec, LabelSet labels,
                                      Map<String, String> files, List<BadRow> bad) {
        Path file = root.resolve(spec.path());
        files.put(spec.path(), Checksums.sha256(file));
        TableReader.Table table = TableReader.read(file, spec.path(), spec.format(), spec.header());
        return ExampleReader.read(table, spec.format(), spec.columns(), labels, bad);
    }

    private Loaded loadFiles(DatasetSource.Files spec, DatasetRequest request) {
        Map<String, String> files = new LinkedHashMap<>();
        List<BadRow> bad = new ArrayList<>();
        Columns columns = new Columns(spec.text(), spec.textPair(), spec.label(), null);
        TableReader.Table trainTable = table(spec, spec.path(), request, files);
        LabelSet labels = spec.labels() != null ? LabelSet.of(spec.labels())
                : LabelSet.inferred(ExampleReader.labelValues(trainTable, columns));
        List<Example> train = ExampleReader.read(trainTable, spec.format(), columns, labels, bad);
        List<Example> validation;
        if (spec.validationPath() != null) {
            validation = ExampleReader.read(table(spec, spec.validationPath(), request, files), spec.format(),
                    columns, labels, bad);
        } else {
            int[][] parts = Sampling.stratifiedSplit(labels(train), VALIDATION_SHARE,
                    request.splitSeed() ^ VALIDATION_SALT);
            validation = Sampling.pick(train, parts[1]);
            train = Sampling.pick(train, parts[0]);
        }
        List<Example> test = List.of();
        if (spec.testPath() != null) {
            TableReader.Table testTable = table(spec, spec.testPath(), request, files);
            test = ExampleReader.read(testTable, spec.format(), hasLabel(testTable, spec.label()) ? columns
                    : columns.unlabelled(), labels, bad);
        }
        return new Loaded(spec.name(), labels, spec.textPair() != null, train, validation, test, files, bad);
    }

    private static TableReader.Table table(DatasetSource.Files spec, Path path, DatasetRequest request,
                                           Map<String, String> files) {
        Path file = request.dataDir() != null && !path.isAbsolute() ? request.dataDir().resolve(path) : path;
        TableReader.Table table = TableReader.read(file, path.toString(), spec.format(), spec.header());
        files.put(path.toString(), Checksums.sha256(file));
        return table;
    }

    private static boolean hasLabel(TableReader.Table table, String label) {
        if (table.header() != null) {
            return table.header().contains(label);
        }
        return table.rows().isEmpty() || !label.matches("\\d{1,4}")
                || Integer.parseInt(label) < table.rows().get(0).cells().size();
    }

    private static int[] labels(List<Example> examples) {
        return examples.stream().mapToInt(Example::label).toArray();
    }

    static String badRowsMessage(String dataset, List<BadRow> bad) {
        String shown = bad.stream().limit(5).map(b -> "  " + b).collect(Collectors.joining("\n"));
        return "dataset '" + dataset + "': " + bad.size() + " bad row" + (bad.size() == 1 ? "" : "s")
                + " (fix them, or set task.skip_bad_rows: true to leave them out with a warning)"
                + (bad.size() > 5 ? "; the first 5" : "") + ":\n" + shown;
    }

    private static String provenance(DatasetRequest request, Loaded loaded, int skipped) {
        StringBuilder id = new StringBuilder(loaded.name()).append('[');
        id.append(loaded.files().entrySet().stream().map(e -> e.getKey() + "@" + e.getValue().substring(0, 12))
                .collect(Collectors.joining(",")));
        id.append("];split_seed=").append(request.splitSeed()).append(";fraction=").append(request.fraction());
        if (request.maxTrainExamples() != null) {
            id.append(";max_train=").append(request.maxTrainExamples());
        }
        if (request.maxEvalExamples() != null) {
            id.append(";max_eval=").append(request.maxEvalExamples());
        }
        if (skipped > 0) {
            id.append(";skipped_bad_rows=").append(skipped);
        }
        return id.toString();
    }
}
