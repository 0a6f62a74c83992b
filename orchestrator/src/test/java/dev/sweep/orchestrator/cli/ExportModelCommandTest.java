package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.TrialRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep export-model} finds the checkpoint the worker kept for the trial's latest attempt under the runs
 * folder and copies it out; without one it is bad input naming the missing file and the setting to use. (The
 * ONNX round trip itself — ORT running the exported file — is tested in the worker's OnnxExporterTest.)
 */
class ExportModelCommandTest {

    @Test
    void copiesTheLatestAttemptsCheckpointAndRefusesTrialsWithout(@TempDir Path dir) throws Exception {
        CliHarness cli = new CliHarness(dir);
        TrialRecord best;
        try (ResultsStore store = cli.openStore()) {
            var sweep = StoreFixtures.anSst2Sweep(store, "sst2");
            best = store.trial(sweep.id(), 1).orElseThrow();
        }
        Path runs = cli.db.getParent();
        Path stale = runs.resolve("sst2/trials/trial-1-attempt-" + (best.attempt() + 1) + "/best");
        Path kept = runs.resolve("sst2/trials/trial-1-attempt-" + best.attempt() + "/best");
        for (Path p : new Path[]{stale, kept}) {
            Files.createDirectories(p);
            for (String f : ExportModelCommand.FILES) {
                Files.writeString(p.resolve(f), p == kept ? "kept " + f : "stale " + f);
            }
        }

        Path out = dir.resolve("exported");
        CliHarness.Result r = cli.run("export-model", "sst2", "1", "-o", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("wrote trial 1 of sst2") && r.out().contains(out.toString()), r.out());
        for (String f : ExportModelCommand.FILES) {
            assertArrayEquals(("kept " + f).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve(f)), f);
        }

        CliHarness.Result none = cli.run("export-model", "sst2", "3");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("kept no checkpoint") && none.err().contains("keep_checkpoint: best"), none.err());
        assertFalse(none.err().contains("\tat "), "no stack trace: " + none.err());

        CliHarness.Result missing = cli.run("export-model", "sst2", "99");
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("has no trial 99"), missing.err());
    }
}
