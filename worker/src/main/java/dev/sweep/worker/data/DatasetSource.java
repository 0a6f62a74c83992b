package dev.sweep.worker.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Where a dataset comes from: a built-in name, or files on disk with a column mapping. */
public sealed interface DatasetSource permits DatasetSource.Builtin, DatasetSource.Files {

    /** A short name for logs and provenance. */
    String name();

    /** One of the built-in datasets ({@link BuiltinDatasets#NAMES}): sst2, mrpc, rte, medical_questions_pairs, ... */
    record Builtin(String name) implements DatasetSource {
        public Builtin {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Any TSV/CSV file. Columns are header names, or 0-based indices when {@code header} is false. {@code labels},
     * when given, lists the label values in index order (value i is label i); otherwise the values found in the
     * training file are used, sorted (numerically when all are integers). Without {@code validationPath} a seeded
     * stratified 10% of the training file is held out; without {@code testPath} there is no test split.
     */
    record Files(Path path, TableFormat format, boolean header, String text, String textPair, String label,
                 Path validationPath, Path testPath, List<String> labels) implements DatasetSource {
        public Files {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(label, "label");
            labels = labels == null ? null : List.copyOf(labels);
        }

        @Override
        public String name() {
            return path.getFileName().toString();
        }

        private static final Set<String> KEYS = Set.of("path", "format", "header", "text", "text_pair", "label",
                "validation_path", "test_path", "labels");

        /** Reads the sweep file's {@code dataset: {path: ..., format: ..., ...}} map. */
        public static Files fromMap(Map<String, ?> map) {
            for (String key : map.keySet()) {
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("dataset." + key + " is not a known key; known keys are "
                            + KEYS.stream().sorted().toList());
                }
            }
            Object path = map.get("path");
            if (path == null || path.toString().isBlank()) {
                throw new IllegalArgumentException("dataset.path is required for a dataset given as files");
            }
            Object format = map.get("format");
            Object text = map.get("text");
            Object labels = map.get("labels");
            if (labels != null && !(labels instanceof List<?>)) {
                throw new IllegalArgumentException("dataset.labels must be a list of label values, but got "
                        + labels);
            }
            return new Files(Path.of(path.toString()),
                    format == null ? TableFormat.fromFileName(path.toString()) : TableFormat.parse(format.toString()),
                    map.get("header") == null || Boolean.parseBoolean(map.get("header").toString()),
                    text == null ? "sentence" : text.toString(), string(map.get("text_pair")),
                    map.get("label") == null ? "label" : map.get("label").toString(),
                    path(map.get("validation_path")), path(map.get("test_path")),
                    labels == null ? null : ((List<?>) labels).stream().map(String::valueOf).toList());
        }

        private static String string(Object value) {
            return value == null ? null : value.toString();
        }

        private static Path path(Object value) {
            return value == null ? null : Path.of(value.toString());
        }
    }
}
