package dev.sweep.results.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sweep.results.store.Finish;
import dev.sweep.results.store.NewTrial;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stress: a child JVM runs an orchestrator-like write pattern on an H2 file store (two "workers": claim, frequent
 * buffered progress/heartbeats, finish + CHECKPOINT, next claim) and prints each finish after the call returned; it
 * is SIGKILLed at a random moment; then this JVM opens the file (as OrphanedWorkerTest does), reads, closes, opens
 * again and checks that every trial printed as finished is COMPLETE with its attempt both times, and that the two
 * reads agree. Not in the default suite. Properties: stress.iterations (default 40), stress.load (busy threads in
 * this JVM while the child runs, default 0), stress.minKillMs/stress.maxKillMs (after the first finish).
 */
@Tag("benchmark")
class KillDurabilityStressTest {

    @TempDir
    Path dir;

    @Test
    void everyFinishPrintedBeforeASigkillIsInTheFileAcrossTwoReopenings() throws Exception {
        int iterations = Integer.getInteger("stress.iterations", 40);
        int load = Integer.getInteger("stress.load", 0);
        int minKill = Integer.getInteger("stress.minKillMs", 300);
        int maxKill = Integer.getInteger("stress.maxKillMs", 4000);
        Random random = new Random(Long.getLong("stress.seed", System.nanoTime()));
        List<String> failures = new ArrayList<>();
        List<Thread> burners = new ArrayList<>();
        AtomicLong sink = new AtomicLong();
        for (int i = 0; i < load; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    x += System.nanoTime() % 7;
                }
                sink.addAndGet(x);
            });
            t.setDaemon(true);
            t.start();
            burners.add(t);
        }
        int finishedTotal = 0;
        try {
            for (int it = 0; it < iterations; it++) {
                Path file = dir.resolve("s" + it).resolve("sweep.mv.db");
                try (H2ResultsStore store = H2ResultsStore.open(file)) {
                    dev.sweep.results.store.StoreFixtures.aSweep().named("stress").maximizing("val_accuracy")
                            .createdIn(store);
                }
                long killAfter = minKill + random.nextInt(Math.max(1, maxKill - minKill));
                Map<Integer, Integer> printed = new ConcurrentHashMap<>();
                Process child = java(file).start();
                Thread readerThread = new Thread(() -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            String[] p = line.split(" ");
                            if (p[0].equals("F")) {
                                printed.put(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                            }
                        }
                    } catch (Exception e) {
                        // the child died
                    }
                });
                readerThread.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (printed.isEmpty() && System.nanoTime() < deadline && child.isAlive()) {
                    Thread.sleep(5);
                }
                Thread.sleep(killAfter);
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                readerThread.join(10_000);
                Map<Integer, Integer> finished = new TreeMap<>(printed);
                finishedTotal += finished.size();
                String first = check("first open", file, finished, failures, it);
                String second = check("second open", file, finished, failures, it);
                if (!first.equals(second)) {
                    failures.add("iteration " + it + ": the two reads differ\n first: " + first + "\n second: "
                            + second);
                }
                System.out.printf("[stress] iteration %d: killed %d ms after the first finish, %d finishes printed, "
                        + "failures so far %d%n", it, killAfter, finished.size(), failures.size());
                if (failures.isEmpty()) {
                    deleteTree(file.getParent());
                }
            }
        } finally {
            burners.forEach(Thread::interrupt);
        }
        System.out.printf("[stress] %d iterations, %d finishes checked, %d failures%n", iterations, finishedTotal,
                failures.size());
        assertEquals(List.of(), failures);
    }

    private static String check(String what, Path file, Map<Integer, Integer> finished, List<String> failures,
                                int it) {
        try (H2ResultsStore store = H2ResultsStore.open(file)) {
            SweepRecord sweep = store.findSweep("stress").orElseThrow();
            Map<Integer, TrialRecord> byNumber = new TreeMap<>();
            store.trials(sweep.id()).forEach(t -> byNumber.put(t.number(), t));
            finished.forEach((number, attempt) -> {
                TrialRecord t = byNumber.get(number);
                if (t == null || t.state() != TrialState.COMPLETE || t.attempt() != attempt) {
                    failures.add("iteration " + it + ", " + what + ": trial " + number + " printed finished (attempt "
                            + attempt + ") but the file has " + (t == null ? "no row"
                            : t.state() + " attempt " + t.attempt()) + " in " + file);
                }
            });
            StringBuilder sb = new StringBuilder();
            byNumber.values().forEach(t -> sb.append(t.number()).append(':').append(t.state()).append('/')
                    .append(t.attempt()).append(' '));
            return sb.toString();
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static ProcessBuilder java(Path file) {
        return ChildJvm.of(List.of("-Xmx256m"), Child.class, file.toString());
    }

    /** The child: an orchestrator-like writer that runs until killed. */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws Exception {
            H2ResultsStore store = H2ResultsStore.open(Path.of(args[0]));
            Random random = new Random();
            SweepRecord sweep = store.findSweep("stress").orElseThrow();
            long sweepId = sweep.id();
            Duration lease = Duration.ofMinutes(1);
            // a reader thread, like a progress display or the dashboard reading through the pool
            Thread reader = new Thread(() -> {
                while (true) {
                    store.trials(sweepId);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            reader.setDaemon(true);
            reader.start();
            int next = 0;
            TrialRecord[] running = new TrialRecord[2];
            long[] step = new long[2];
            while (true) {
                for (int w = 0; w < 2; w++) {
                    if (running[w] == null) {
                        Instant now = Instant.now();
                        int number = next++;
                        store.inTransaction(() -> store.addTrial(sweepId,
                                new NewTrial(number, 1, 0, Map.of("learning_rate", 1e-5 * (number + 1)), 11L), now));
                        running[w] = store.claimNext(sweepId, "w" + w, "cpu", now, lease).orElseThrow();
                        step[w] = 0;
                        System.out.println("S " + running[w].number() + " " + running[w].attempt());
                        System.out.flush();
                    }
                }
                int w = random.nextInt(2);
                TrialRecord t = running[w];
                step[w]++;
                store.recordProgress(t.id(), t.attempt(), step[w], Map.of("val_accuracy", 0.5 + step[w] * 1e-3),
                        Instant.now());
                store.heartbeat(t.id(), t.attempt(), Instant.now(), lease);
                if (step[w] >= 5 + random.nextInt(20)) {
                    boolean ok = store.inTransaction(() -> store.finish(t.id(), t.attempt(),
                            new Finish(TrialState.COMPLETE, 0.5 + step[w] * 1e-3, Map.of("val_accuracy", 0.6),
                                    null, null, Instant.now())));
                    if (!ok) {
                        throw new IllegalStateException("finish refused for " + t);
                    }
                    System.out.println("F " + t.number() + " " + t.attempt());
                    System.out.flush();
                    running[w] = null;
                }
                Thread.sleep(random.nextInt(15));
            }
        }
    }
}
