package dev.sweep.results.h2;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second JVM for the file store's tests. {@code crash FILE}: finishes a trial, says so, and halts at once (no
 * shutdown hooks, no close) like a killed orchestrator. {@code read FILE}: opens the file while another process
 * holds it and prints what it reads, once per line it is sent on stdin, until stdin ends.
 */
public final class StoreProcess {

    private StoreProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("crash")) {
            crash(file);
        } else {
            read(file);
        }
    }

    private static void crash(Path file) {
        ResultsStore store = H2ResultsStore.open(file);
        Instant t0 = Instant.parse("2024-05-01T22:00:00Z");
        SweepRecord sweep = store.findSweep("crash").orElseThrow();
        store.addTrial(sweep.id(), new NewTrial(1, 1, 0, Map.of("learning_rate", 3e-5), 11L), t0);
        TrialRecord t = store.claimNext(sweep.id(), "w0", "cpu", t0, Duration.ofMinutes(1)).orElseThrow();
        store.recordProgress(t.id(), t.attempt(), 1, Map.of("val_accuracy", 0.8), t0.plusSeconds(1));
        boolean finished = store.finish(t.id(), t.attempt(), new Finish(TrialState.COMPLETE, 0.875,
                Map.of("val_accuracy", 0.875), null, null, t0.plusSeconds(2)));
        System.out.println("finished " + finished);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    private static void read(Path file) throws Exception {
        try (ResultsStore store = H2ResultsStore.open(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                SweepRecord sweep = store.findSweep("shared").orElseThrow();
                List<String> states = new ArrayList<>();
                store.trials(sweep.id()).forEach(t -> states.add(t.number() + ":" + t.state()));
                Object n = store.query("SELECT COUNT(*) FROM v_leaderboard WHERE sweep = 'shared'").rows().get(0).get(0);
                System.out.println("trials " + states + " leaderboard " + n);
                System.out.flush();
            }
        }
    }
}
