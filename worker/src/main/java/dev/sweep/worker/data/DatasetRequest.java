package dev.sweep.worker.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to load: the source, the task's data_dir (null: see {@link DatasetResolver}), the seed of every split and
 * subsample (fixed per sweep so that trials see the same data), the training fraction (a hyperparameter; stratified,
 * nested: 0.25 is inside 0.5), caps on train and on each evaluation split (null: none), and whether broken rows are
 * skipped with a warning instead of failing.
 */
public record DatasetRequest(DatasetSource source, Path dataDir, long splitSeed, double fraction,
                             Integer maxTrainExamples, Integer maxEvalExamples, boolean skipBadRows) {

    /** The split seed when the task does not set {@code split_seed}. */
    public static final long DEFAULT_SPLIT_SEED = 42;

    public DatasetRequest {
        Objects.requireNonNull(source, "source");
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("0 < fraction <= 1 must hold, but got fraction=" + fraction);
        }
        if (maxTrainExamples != null && maxTrainExamples < 1) {
            throw new IllegalArgumentException("max_train_examples >= 1 must hold, but got " + maxTrainExamples);
        }
        if (maxEvalExamples != null && maxEvalExamples < 1) {
            throw new IllegalArgumentException("max_eval_examples >= 1 must hold, but got " + maxEvalExamples);
        }
    }

    /** A built-in dataset with every default. */
    public static DatasetRequest of(String builtin) {
        return new DatasetRequest(new DatasetSource.Builtin(builtin), null, DEFAULT_SPLIT_SEED, 1.0, null, null,
                false);
    }

    public DatasetRequest withFraction(double value) {
        return new DatasetRequest(source, dataDir, splitSeed, value, maxTrainExamples, maxEvalExamples, skipBadRows);
    }

    public DatasetRequest withCaps(Integer maxTrain, Integer maxEval) {
        return new DatasetRequest(source, dataDir, splitSeed, fraction, maxTrain, maxEval, skipBadRows);
    }

    public DatasetRequest withDataDir(Path value) {
        return new DatasetRequest(source, value, splitSeed, fraction, maxTrainExamples, maxEvalExamples, skipBadRows);
    }

    /**
     * From a trial's task settings ({@code dataset}, {@code data_dir}, {@code max_train_examples},
     * {@code max_eval_examples}, {@code split_seed}, {@code skip_bad_rows}) and parameters ({@code fraction}).
     */
    public static DatasetRequest fromTask(Map<String, ?> task, Map<String, ?> params) {
        Object dataset = task.get("dataset");
        DatasetSource source;
        if (dataset instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> files = (Map<String, ?>) map;
            source = DatasetSource.Files.fromMap(files);
        } else if (dataset != null && !dataset.toString().isBlank()) {
            source = new DatasetSource.Builtin(dataset.toString());
        } else {
            throw new IllegalArgumentException("task.dataset is required: one of " + BuiltinDatasets.NAMES
                    + " or a map {path: ..., format: tsv|csv, header: true, text: ..., label: ...}");
        }
        Object dataDir = task.get("data_dir");
        return new DatasetRequest(source, dataDir == null ? null : Path.of(dataDir.toString()),
                number(task, "split_seed", DEFAULT_SPLIT_SEED).longValue(),
                number(params, "fraction", 1.0).doubleValue(), integer(task, "max_train_examples"),
                integer(task, "max_eval_examples"), Boolean.parseBoolean(String.valueOf(task.get("skip_bad_rows"))));
    }

    private static Number number(Map<String, ?> map, String key, Number fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n;
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, but got '" + value + "'", e);
        }
    }

    private static Integer integer(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        double d = number(map, key, 0).doubleValue();
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(key + " must be a whole number, but got " + value);
        }
        return (int) d;
    }
}
