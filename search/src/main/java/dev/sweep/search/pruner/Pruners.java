package dev.sweep.search.pruner;

import dev.sweep.search.study.PrunerSpec;
import java.util.Locale;

/** The pruner for a sweep file's {@code early_terminate}. */
public final class Pruners {

    private Pruners() {
    }

    public static Pruner create(PrunerSpec spec) {
        return switch (spec.type().trim().toLowerCase(Locale.ROOT)) {
            case "median" -> new MedianPruner(spec.minIter(), spec.warmupTrials());
            case "asha" -> new AshaPruner(spec.minIter(), spec.eta(), spec.maxIter());
            case "hyperband" -> new HyperbandPruner(spec.minIter(), spec.eta(), spec.maxIter());
            case "none" -> (trial, step, others, goal) -> false;
            default -> throw new IllegalArgumentException(
                    "early_terminate.type must be one of [median, asha, hyperband, none], but got '" + spec.type() + "'");
        };
    }
}
