package dev.sweep.orchestrator.engine;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.results.store.NewSweep;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Creates a sweep, or finds the one to resume. A sweep is keyed by its name and its sweep file's hash: the same
 * name with the same hash resumes; the same name with another hash (an edited file) or a cancelled sweep is a
 * {@link SweepConflictException}, so two experiments never mix under one name.
 */
final class SweepOpener {

    /** The sweep as found or created, and whether it existed. */
    record Opened(SweepRecord sweep, boolean resumed) {
    }

    private SweepOpener() {
    }

    static Opened open(ResultsStore store, SweepSpec spec, Instant now) {
        if (spec.hash() == null || spec.text() == null) {
            throw new IllegalArgumentException("a sweep needs its file's text and hash to be stored, but sweep '"
                    + spec.name() + "' has text=" + (spec.text() == null ? "null" : "…") + ", hash=" + spec.hash());
        }
        Optional<SweepRecord> existing = store.findSweep(spec.name());
        if (existing.isPresent()) {
            SweepRecord s = existing.get();
            if (!s.specHash().equals(spec.hash())) {
                throw new SweepConflictException(spec.name(), "a sweep named '" + spec.name()
                        + "' already exists with a different sweep file (stored hash " + abbreviate(s.specHash())
                        + ", this file " + abbreviate(spec.hash()) + (s.sourcePath() != null ? ", stored from "
                        + s.sourcePath() : "") + "). Rename the sweep (its name: field), run with --new-name <name>, "
                        + "or cancel the old one with 'sweep cancel " + spec.name() + "'");
            }
            if (s.state() == SweepState.CANCELLED) {
                throw new SweepConflictException(spec.name(), "sweep '" + spec.name() + "' was cancelled"
                        + (s.message() != null ? " (" + s.message() + ")" : "")
                        + "; run it under another name with --new-name <name>");
            }
            return new Opened(s, true);
        }
        SweepRecord created = store.createSweep(new NewSweep(spec.name(), spec.text(), spec.hash(),
                spec.source() == null ? null : spec.source().toAbsolutePath().toString(), spec.method().key(),
                spec.metricName(), spec.goal().name().toLowerCase(Locale.ROOT), spec.seed(), now));
        return new Opened(created, false);
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
