package dev.sweep.worker.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets known by name, laid out as in {@code shared/datasets} (see its SOURCES.md). Label index 1 is the
 * positive class of binary F1.
 */
final class BuiltinDatasets {

    /** One file of a built-in dataset: its path under the data folder, format, header and columns. */
    record FileSpec(String path, TableFormat format, boolean header, Columns columns) {
    }

    /**
     * A built-in dataset. {@code validation} null: a seeded split of train; {@code groupSplit}: no official split,
     * train is cut 80/10/10 by the text column (one question never lands in two splits).
     */
    record Builtin(String name, LabelSet labels, boolean pairs, FileSpec train, FileSpec validation, FileSpec test,
                   boolean groupSplit) {
        List<String> files() {
            LinkedHashSet<String> files = new LinkedHashSet<>();
            for (FileSpec f : new FileSpec[] {train, validation, test}) {
                if (f != null) {
                    files.add(f.path());
                }
            }
            return new ArrayList<>(files);
        }
    }

    private static final List<String> SST2_HEADER = List.of("sentence", "label");
    private static final List<String> MRPC_HEADER = List.of("Quality", "#1 ID", "#2 ID", "#1 String", "#2 String");
    private static final List<String> RTE_HEADER = List.of("index", "sentence1", "sentence2", "label");
    private static final LabelSet SST2_LABELS = LabelSet.named(List.of("0", "1"), List.of("negative", "positive"));

    private static final FileSpec SST2_TRAIN = new FileSpec("sst2/train.tsv", TableFormat.TSV, true,
            new Columns("sentence", null, "label", SST2_HEADER));
    private static final FileSpec SST2_DEV = new FileSpec("sst2/dev.tsv", TableFormat.TSV, true,
            new Columns("sentence", null, "label", SST2_HEADER));

    private static FileSpec harvard(String split) {
        return new FileSpec("sst2/sentence_level_harvardnlp/stsa.binary." + split, TableFormat.LABEL_SPACE, false,
                new Columns("1", null, "0", List.of("label", "sentence")));
    }

    private static FileSpec mrpc(String file) {
        return new FileSpec("mrpc/" + file, TableFormat.TSV, true,
                new Columns("#1 String", "#2 String", "Quality", MRPC_HEADER));
    }

    private static FileSpec rte(String file) {
        return new FileSpec("rte/" + file, TableFormat.TSV, true,
                new Columns("sentence1", "sentence2", "label", RTE_HEADER));
    }

    private static final Map<String, Builtin> BUILTINS = Map.of(
            // GLUE train/dev; the labelled test is harvardnlp's sentence-level file: the same 1,821 sentences as
            // GLUE's unlabelled test.tsv (1,731 byte-identical, the rest differ only in accents)
            "sst2", new Builtin("sst2", SST2_LABELS, false, SST2_TRAIN, SST2_DEV, harvard("test"), false),
            "sst2_glue", new Builtin("sst2_glue", SST2_LABELS, false, SST2_TRAIN, SST2_DEV,
                    new FileSpec("sst2/test.tsv", TableFormat.TSV, true,
                            new Columns("sentence", null, null, List.of("index", "sentence"))), false),
            "sst2_sentence_level", new Builtin("sst2_sentence_level", SST2_LABELS, false, harvard("train"),
                    harvard("dev"), harvard("test"), false),
            "mrpc", new Builtin("mrpc", LabelSet.named(List.of("0", "1"), List.of("not_equivalent", "equivalent")),
                    true, mrpc("train.tsv"), mrpc("dev.tsv"), mrpc("msr_paraphrase_test.txt"), false),
            "rte", new Builtin("rte", LabelSet.named(List.of("entailment", "not_entailment"),
                    List.of("entailment", "not_entailment")), true, rte("train.tsv"), rte("dev.tsv"),
                    new FileSpec("rte/test.tsv", TableFormat.TSV, true,
                            new Columns("sentence1", "sentence2", null, List.of("index", "sentence1", "sentence2"))),
                    false),
            "medical_questions_pairs", new Builtin("medical_questions_pairs",
                    LabelSet.named(List.of("0", "1"), List.of("not_similar", "similar")), true,
                    new FileSpec("medical_questions_pairs/mqp.csv", TableFormat.CSV, false,
                            new Columns("1", "2", "3", List.of("dr_id", "question_1", "question_2", "label"))),
                    null, null, true));

    /** Every built-in name, sorted. */
    static final List<String> NAMES = BUILTINS.keySet().stream().sorted().toList();

    private BuiltinDatasets() {
    }

    /** A built-in by name; {@code mqp} is accepted for medical_questions_pairs, {@code sst-2} for sst2. */
    static Optional<Builtin> find(String name) {
        String key = switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "mqp", "medical-questions-pairs" -> "medical_questions_pairs";
            case "sst-2" -> "sst2";
            default -> name.trim().toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.ofNullable(BUILTINS.get(key));
    }

    static Builtin get(String name) {
        return find(name).orElseThrow(() -> new DatasetException("dataset must be one of " + NAMES
                + " or a map {path: ..., format: tsv|csv, ...}, but got '" + name + "'"));
    }
}
