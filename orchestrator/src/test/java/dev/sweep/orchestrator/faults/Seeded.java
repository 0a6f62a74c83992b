package dev.sweep.orchestrator.faults;

import java.util.SplittableRandom;

/**
 * The randomness of a fault-injection test: one seed per test, {@code -Dsweep.faults.seed=N} to replay it (else a
 * fresh one each run, so that the suite visits new kill points over time), printed at the start and put at the
 * front of any failure.
 */
final class Seeded {
    static final String PROPERTY = "sweep.faults.seed";

    /** A test body that draws its choices from {@code rng}. */
    @FunctionalInterface
    interface Body {
        void run(SplittableRandom rng) throws Exception;
    }

    private Seeded() {
    }

    static void run(String name, Body body) throws Exception {
        Long fixed = Long.getLong(PROPERTY);
        long seed = fixed != null ? fixed : new SplittableRandom().nextLong();
        String replay = name + " seed " + seed + " (replay with -D" + PROPERTY + "=" + seed + ")";
        System.out.println("[faults] " + replay);
        try {
            body.run(new SplittableRandom(seed));
        } catch (AssertionError | Exception e) {
            throw new AssertionError("[" + replay + "] " + e.getMessage(), e);
        }
    }
}
