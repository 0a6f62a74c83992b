package dev.sweep.orchestrator.faults;

import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aFailedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static dev.sweep.results.store.StoreFixtures.aTrial;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.h2.H2ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, malformed input at the CLI: every file of the malformed sweep-file corpus (sweepfiles/bad, each with
 * its expected {@code LINE:COL: message} lines), also with CRLF line ends and with a UTF-8 byte order mark, and
 * files that are not YAML at all, make {@code sweep run} exit 2 with FILE:LINE:COL messages and leave the
 * database byte for byte as it was (or uncreated); {@code sweep sql} refuses every statement that could write
 * (resources faults/sql-refused.sql) and the data stays intact.
 */
class MalformedInputTest {

    private static final String EXPECT = "# expect: ";

    @TempDir
    Path dir;

    /** A results database holding one finished sweep with a complete, a failed and a waiting trial. */
    private Path aDatabaseWithASweep() {
        Path db = dir.resolve("runs").resolve("sweep");
        try (H2ResultsStore store = H2ResultsStore.open(db)) {
            SweepRecord sweep = aSweep().named("kept").createdIn(store);
            aCompletedTrial().number(0).withParam("x1", 1.5).withValue(3.25).withCurve("value", 9.0, 3.25)
                    .runIn(store, sweep);
            aFailedTrial().number(1).withParam("x1", 2.5).runIn(store, sweep);
            aTrial().number(2).withParam("x1", 3.5).addTo(store, sweep);
        }
        return db;
    }

    @Test
    void everyMalformedSweepFileExitsWith2NamingFileLineAndColumnAndTheDatabaseIsUntouched() throws Exception {
        Path db = aDatabaseWithASweep();
        Path mvDb = Path.of(db + ".mv.db");
        byte[] before = sha256(mvDb);
        Path never = dir.resolve("never").resolve("sweep");
        InProcessCli cli = new InProcessCli(dir);
        List<Path> corpus = corpus();
        assertTrue(corpus.size() >= 25, "the corpus has only " + corpus.size() + " files");
        int runs = 0;
        for (Path file : corpus) {
            List<String> expected = Files.readAllLines(file).stream().filter(l -> l.startsWith(EXPECT))
                    .map(l -> l.substring(EXPECT.length())).toList();
            assertFalse(expected.isEmpty(), file + " says what it expects");
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Variant v : Variant.values()) {
                Path copy = dir.resolve(v.name().toLowerCase(java.util.Locale.ROOT) + "-" + file.getFileName());
                Files.write(copy, v.bytes(text));
                Path target = v == Variant.BOM ? never : db;
                assertRefused(cli.run("run", copy.toString(), "--db", target.toString(), "--no-progress"), copy,
                        expected);
                runs++;
            }
        }
        for (Path file : notYamlAtAll()) {
            InProcessCli.Result r = cli.run("run", file.toString(), "--db", db.toString());
            assertRefused(r, file, List.of());
            runs++;
        }
        assertArrayEquals(before, sha256(mvDb), "the database file changed after " + runs + " refused runs");
        assertFalse(Files.exists(Path.of(never + ".mv.db")), "a refused run created a database");
        try (H2ResultsStore store = H2ResultsStore.open(db)) {
            assertEquals(List.of("kept"), store.listSweeps().stream().map(SweepRecord::name).toList());
        }
    }

    @Test
    void theRealCommandExits2ForABadFile() throws Exception {
        Path file = corpus().stream().filter(f -> f.getFileName().toString().equals("min-greater-than-max.yaml"))
                .findFirst().orElseThrow();
        Path db = dir.resolve("runs").resolve("sweep");
        try (OrchestratorProcess p = OrchestratorProcess.start(dir, List.of("run", file.toString(), "--db",
                db.toString()))) {
            int exit = p.awaitExit(Duration.ofMinutes(2));
            assertEquals(2, exit, p.transcript());
            assertTrue(p.transcript().contains(file + ":"), p.transcript());
            assertFalse(p.transcript().contains("\tat "), p.transcript());
        }
        assertFalse(Files.exists(Path.of(db + ".mv.db")));
    }

    @Test
    void sqlThatCouldWriteIsRefusedWithExit2AndTheDataStaysIntact() throws Exception {
        Path db = aDatabaseWithASweep();
        String before = dump(db);
        InProcessCli cli = new InProcessCli(dir);
        List<String> statements = refusedStatements();
        assertTrue(statements.size() >= 20, statements.toString());
        // every statement through the store's query (what the command calls), a seeded sample through the command
        try (H2ResultsStore store = H2ResultsStore.open(db)) {
            for (String sql : statements) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.query(sql),
                        "'" + sql + "' must be refused");
                assertTrue(e.getMessage().contains("refused"), "'" + sql + "': " + e.getMessage());
            }
        }
        List<String> sample = new ArrayList<>(statements);
        Collections.shuffle(sample, new Random(statements.size()));
        for (String sql : sample.subList(0, 6)) {
            InProcessCli.Result r = cli.run("sql", sql, "--db", db.toString());
            assertEquals(2, r.exit(), "'" + sql + "' must be refused\n" + r);
            assertTrue(r.err().contains("refused"), "'" + sql + "': " + r);
            assertFalse(r.err().contains("\tat "), r.toString());
        }
        InProcessCli.Result read = cli.run("sql", "SELECT 'DELETE FROM trials; DROP TABLE sweeps' AS harmless, "
                + "COUNT(*) AS n FROM trials", "--db", db.toString());
        assertEquals(0, read.exit(), "a query that only mentions writes in a string is fine\n" + read);
        assertTrue(read.out().contains("DELETE FROM trials; DROP TABLE sweeps") && read.out().contains("3"),
                read.out());
        assertEquals(before, dump(db), "the data changed");
        for (String leaked : List.of("/tmp/sweep-faults-stolen.csv", "/tmp/sweep-faults-stolen.txt",
                "/tmp/sweep-faults-dump.sql")) {
            assertFalse(Files.exists(Path.of(leaked)), leaked + " was written");
        }
        Path none = dir.resolve("none").resolve("sweep");
        InProcessCli.Result missing = cli.run("sql", "SELECT 1", "--db", none.toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertFalse(Files.exists(Path.of(none + ".mv.db")), "sql must not create a database");
    }

    /** The same corpus file three ways; line and column numbers must not change. */
    private enum Variant {
        AS_IS, CRLF, BOM;

        byte[] bytes(String text) {
            return switch (this) {
                case AS_IS -> text.getBytes(StandardCharsets.UTF_8);
                case CRLF -> text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
                case BOM -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
            };
        }
    }

    private static void assertRefused(InProcessCli.Result r, Path file, List<String> expected) {
        assertEquals(2, r.exit(), file + "\n" + r);
        for (String e : expected) {
            assertTrue(r.err().contains(file + ":" + e), file + ": expected '" + file + ":" + e + "' in\n" + r.err());
        }
        assertTrue(r.err().matches("(?s).*" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+.*"),
                "FILE:LINE:COL in\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace\n" + r.err());
    }

    private static List<Path> corpus() throws IOException, URISyntaxException {
        Path bad = Path.of(MalformedInputTest.class.getResource("/sweepfiles/bad").toURI());
        try (Stream<Path> files = Files.list(bad)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Files a user might pass by mistake: binary data, a folder, Latin-1 text, a JSON document, a tab-separated table. */
    private List<Path> notYamlAtAll() throws IOException {
        byte[] noise = new byte[4096];
        new SplittableRandom(6).nextBytes(noise);
        Path binary = Files.write(dir.resolve("model.onnx"), noise);
        Path folder = Files.createDirectories(dir.resolve("a-folder.yaml"));
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\nmethod: grid\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Path json = Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {\"vocab\": {}}}");
        Path table = Files.writeString(dir.resolve("train.tsv"), "sentence\tlabel\na fine film\t1\n");
        return List.of(binary, folder, latin1, json, table);
    }

    private static List<String> refusedStatements() {
        String text = FaultFiles.text("sql-refused.sql");
        List<String> out = new ArrayList<>();
        for (String chunk : text.split("(?m)^====\\s*$")) {
            String sql = Arrays.stream(chunk.split("\n")).filter(l -> !l.startsWith("#"))
                    .reduce((a, b) -> a + "\n" + b).orElse("").strip();
            out.add(sql);
        }
        return out;
    }

    /** Every sweep, trial, curve point and provenance entry, as text. */
    private static String dump(Path db) {
        StringBuilder b = new StringBuilder();
        try (H2ResultsStore store = H2ResultsStore.open(db)) {
            for (SweepRecord s : store.listSweeps()) {
                b.append(s).append('\n');
                for (TrialRecord t : store.trials(s.id())) {
                    b.append(t).append('\n').append(store.metrics(t.id())).append('\n')
                            .append(store.provenance(t.id())).append('\n');
                }
            }
            b.append(store.query("SELECT COUNT(*) FROM trial_params").rows());
        }
        return b.toString();
    }

    private static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
