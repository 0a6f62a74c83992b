package dev.sweep.worker.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Built-in datasets read from shared/datasets (skipped when absent), and files given by path. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetsTest {
    private Datasets datasets;
    private boolean shared;

    @BeforeAll
    void resolver(@TempDir Path cache) {
        Path work = Path.of("").toAbsolutePath();
        datasets = new Datasets(new DatasetResolver(new DatasetResolver.Settings(null, work, cache, null,
                Duration.ofSeconds(1)), HttpClient.newHttpClient(), DatasetManifest.bundled()));
        for (Path dir = work; dir != null; dir = dir.getParent()) {
            shared |= Files.isDirectory(dir.resolveSibling("shared").resolve("datasets").resolve("sst2"));
        }
    }

    private DatasetSplits builtin(DatasetRequest request) throws InterruptedException {
        Assumptions.assumeTrue(shared, "shared/datasets is absent");
        return datasets.load(request);
    }

    @Test
    void glueTasksHaveTheirOfficialSplitsAndLabels() throws Exception {
        DatasetSplits sst2 = builtin(DatasetRequest.of("sst2"));
        assertEquals(List.of(67349, 872, 1821), sizes(sst2));
        assertEquals(List.of("negative", "positive"), sst2.labels());
        assertEquals(new Example("hide new secretions from the parental units", null, 0), sst2.train().get(0));
        assertEquals(Set.of(0, 1), labelsOf(sst2.test()), "sst2's test split is the labelled harvardnlp file");
        assertEquals(Set.of(-1), labelsOf(builtin(DatasetRequest.of("sst2_glue")).test()));

        DatasetSplits mrpc = builtin(DatasetRequest.of("mrpc"));
        assertEquals(List.of(3668, 408, 1725), sizes(mrpc));
        assertTrue(mrpc.pairs());
        assertEquals("Amrozi accused his brother , whom he called \" the witness \" , of deliberately distorting "
                + "his evidence .", mrpc.train().get(0).textA());
        assertEquals(Set.of(0, 1), labelsOf(mrpc.test()));

        DatasetSplits rte = builtin(DatasetRequest.of("rte"));
        assertEquals(List.of(2490, 277, 3000), sizes(rte));
        assertEquals(List.of("entailment", "not_entailment"), rte.labels());
        assertEquals(1, rte.train().get(0).label(), "row 0 of rte/train.tsv is not_entailment");
        assertEquals(Set.of(-1), labelsOf(rte.test()));
        assertTrue(rte.id().startsWith("rte[rte/train.tsv@41e3a9b06343,rte/dev.tsv@80230dfa1347,"
                + "rte/test.tsv@6e33f09b5c2b];split_seed=42;fraction=1.0"), rte.id());
    }

    @Test
    void medicalQuestionPairsAreSplitByFirstQuestion() throws Exception {
        DatasetSplits mqp = builtin(DatasetRequest.of("medical_questions_pairs"));
        assertEquals(3048, mqp.train().size() + mqp.validation().size() + mqp.test().size());
        assertEquals(0.8, mqp.train().size() / 3048.0, 0.02);
        Set<String> train = questions(mqp.train());
        Set<String> validation = questions(mqp.validation());
        Set<String> test = questions(mqp.test());
        assertTrue(train.stream().noneMatch(validation::contains) && train.stream().noneMatch(test::contains)
                && validation.stream().noneMatch(test::contains), "a question_1 spans two splits");
        DatasetSplits otherSeed = builtin(new DatasetRequest(new DatasetSource.Builtin("mqp"), null, 7, 1.0, null,
                null, false));
        assertNotEquals(questions(otherSeed.validation()), validation);
        assertEquals(mqp, builtin(DatasetRequest.of("mqp")), "same seed, same splits");
    }

    @Test
    void fractionAndCapsAreStratifiedSeededAndRecorded() throws Exception {
        DatasetSplits full = builtin(DatasetRequest.of("rte"));
        DatasetSplits quarter = builtin(DatasetRequest.of("rte").withFraction(0.25));
        DatasetSplits half = builtin(DatasetRequest.of("rte").withFraction(0.5));
        assertEquals(Math.round(2490 * 0.25), quarter.train().size());
        assertTrue(new HashSet<>(half.train()).containsAll(quarter.train()), "fractions must nest");
        double positives = full.train().stream().filter(e -> e.label() == 1).count() / 2490.0;
        assertEquals(positives, quarter.train().stream().filter(e -> e.label() == 1).count()
                / (double) quarter.train().size(), 0.002);
        DatasetSplits capped = builtin(DatasetRequest.of("rte").withCaps(100, 50));
        assertEquals(List.of(100, 50, 50), sizes(capped));
        assertTrue(capped.id().endsWith(";split_seed=42;fraction=1.0;max_train=100;max_eval=50"), capped.id());
        assertTrue(half.id().endsWith(";fraction=0.5"), half.id());
    }

    @Test
    void anyTsvOrCsvLoadsWithAColumnMapping(@TempDir Path dir) throws Exception {
        StringBuilder tsv = new StringBuilder("\uFEFFid\tquestion\tanswer\tstars\r\n");
        for (int i = 0; i < 40; i++) {
            tsv.append(i).append("\tq \"").append(i).append("\"\ta").append(i).append('\t').append(i % 4 == 0 ? 5 : 1)
                    .append("\r\n");
        }
        Files.writeString(dir.resolve("train.tsv"), tsv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("test.tsv"), "id\tquestion\tanswer\n7\ta \"quoted\" question\tan answer\n");
        DatasetSource.Files source = DatasetSource.Files.fromMap(Map.of("path", "train.tsv", "text", "question",
                "text_pair", "answer", "label", "stars"));
        DatasetSplits splits = datasets.load(new DatasetRequest(source, dir, 42, 1.0, null, null, false));
        assertEquals(List.of("1", "5"), splits.labels(), "inferred, numeric order");
        assertEquals(List.of(36, 4, 0), sizes(splits));
        assertEquals(1, splits.validation().stream().filter(e -> e.label() == 1).count(), "stratified 10%");
        assertEquals(new Example("q \"1\"", "a1", 0), splits.train().get(1));
        assertTrue(splits.pairs());

        DatasetSource.Files withFiles = DatasetSource.Files.fromMap(Map.of("path", "train.tsv", "text", "question",
                "text_pair", "answer", "label", "stars", "labels", List.of(5, 1), "validation_path", "train.tsv",
                "test_path", "test.tsv"));
        DatasetSplits own = datasets.load(new DatasetRequest(withFiles, dir, 42, 1.0, null, null, false));
        assertEquals(List.of("5", "1"), own.labels(), "explicit label order");
        assertEquals(List.of(40, 40, 1), sizes(own));
        assertEquals(0, own.train().get(0).label());
        assertEquals(new Example("a \"quoted\" question", "an answer", -1), own.test().get(0), "unlabelled test");

        Files.writeString(dir.resolve("plain.csv"), "1,\"good, really\",1\r\n2,bad,0\r\n3,fine,1\r\n");
        DatasetSource.Files headerless = DatasetSource.Files.fromMap(Map.of("path", "plain.csv", "header", false,
                "text", 1, "label", 2));
        DatasetSplits plain = datasets.load(new DatasetRequest(headerless, dir, 42, 1.0, null, null, false));
        assertTrue(plain.train().contains(new Example("good, really", null, 1)), plain.train().toString());
    }

    @Test
    void requestsComeFromTheTaskSettings() {
        DatasetRequest named = DatasetRequest.fromTask(Map.of("dataset", "mrpc", "max_train_examples", 64,
                "split_seed", 7, "data_dir", "/data"), Map.of("fraction", 0.5));
        assertEquals(new DatasetRequest(new DatasetSource.Builtin("mrpc"), Path.of("/data"), 7, 0.5, 64, null, false),
                named);
        DatasetRequest files = DatasetRequest.fromTask(Map.of("dataset", Map.of("path", "f.csv", "text", "q",
                "header", false, "label", "3")), Map.of());
        DatasetSource.Files f = (DatasetSource.Files) files.source();
        assertEquals(TableFormat.CSV, f.format());
        assertEquals(false, f.header());
        assertNull(f.textPair());
        assertEquals("dataset.txt is not a known key; known keys are [format, header, label, labels, path, test_path,"
                + " text, text_pair, validation_path]", assertThrows(IllegalArgumentException.class,
                () -> DatasetRequest.fromTask(Map.of("dataset", Map.of("path", "x", "txt", "a")), Map.of()))
                .getMessage());
        assertEquals("0 < fraction <= 1 must hold, but got fraction=1.5", assertThrows(IllegalArgumentException.class,
                () -> DatasetRequest.fromTask(Map.of("dataset", "sst2"), Map.of("fraction", 1.5))).getMessage());
        assertEquals("dataset must be one of [medical_questions_pairs, mrpc, rte, sst2, sst2_glue, "
                + "sst2_sentence_level] or a map {path: ..., format: tsv|csv, ...}, but got 'cola'",
                assertThrows(DatasetException.class, () -> datasets.load(DatasetRequest.of("cola"))).getMessage());
    }

    private static List<Integer> sizes(DatasetSplits s) {
        return List.of(s.train().size(), s.validation().size(), s.test().size());
    }

    private static Set<Integer> labelsOf(List<Example> examples) {
        Set<Integer> labels = new HashSet<>();
        examples.forEach(e -> labels.add(e.label()));
        return labels;
    }

    private static Set<String> questions(List<Example> examples) {
        Set<String> q = new HashSet<>();
        examples.forEach(e -> q.add(e.textA()));
        return q;
    }
}
