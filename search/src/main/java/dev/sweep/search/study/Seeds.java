package dev.sweep.search.study;

/**
 * Deterministic seeds derived from the sweep seed, so a resumed sweep hands out exactly the seeds an
 * uninterrupted one would. Each is the SplitMix64 finaliser (the mixing function of
 * {@link java.util.SplittableRandom}) applied to the sweep seed combined with the configuration index and
 * repeat, reduced to 31 bits so every consumer accepts it (numpy wants seeds below 2³², some APIs take ints).
 */
public final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long SAMPLER_SALT = 0x5A4D_9E11_E5L;

    private Seeds() {
    }

    /** The seed of repeat {@code repeat} of configuration {@code config}: in [0, 2³¹). */
    public static long trialSeed(long sweepSeed, int config, int repeat) {
        long h = mix64(sweepSeed + GOLDEN * (config + 1L));
        h = mix64(h ^ (GOLDEN * (repeat + 1L)) ^ 0x7F4A7C15L);
        return h >>> 33;
    }

    /** The seed of the random generator a sampler gets when proposing configuration {@code config}. */
    public static long samplerSeed(long sweepSeed, int config) {
        return mix64(mix64(sweepSeed ^ SAMPLER_SALT) + GOLDEN * (config + 1L));
    }

    /** SplitMix64's finaliser (Stafford variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
