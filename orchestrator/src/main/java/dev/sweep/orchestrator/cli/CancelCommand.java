package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        header = "Cancel a sweep: its waiting trials are not run.",
        description = {"Cancels a sweep: its waiting trials become CANCELLED and the sweep CANCELLED. An orchestrator "
                + "running it notices through the store, launches nothing more and lets running trials finish."},
        footer = {"", "Examples:", "  sweep cancel sst2-raster"})
final class CancelCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    CancelCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            if (sweep.state() == SweepState.FINISHED || sweep.state() == SweepState.CANCELLED) {
                out().println("sweep " + name + " is " + sweep.state() + " already; nothing to cancel");
                return ExitCode.OK;
            }
            Instant now = cli.clock().instant();
            int cancelled = store.cancelWaiting(sweep.id(), now);
            store.setSweepState(sweep.id(), SweepState.CANCELLED, "cancelled by sweep cancel", now);
            out().println("cancelled sweep " + name + ": " + cancelled + " waiting trial"
                    + (cancelled == 1 ? "" : "s") + " cancelled");
            out().flush();
        }
        return ExitCode.OK;
    }
}
