package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trials", mixinStandardHelpOptions = true,
        header = "List a sweep's trials.",
        description = "Lists a sweep's trials by number: state, value, params, attempts, worker, timing and error.",
        footer = {"", "Examples:", "  sweep trials sst2-raster", "  sweep trials sst2-raster --state FAILED,OOM"})
final class TrialsCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "only trials in these states: ${COMPLETION-CANDIDATES} (comma-separated)")
    Set<TrialState> states;

    TrialsCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            Set<TrialState> wanted = states == null || states.isEmpty() ? EnumSet.allOf(TrialState.class)
                    : EnumSet.copyOf(states);
            TextTable table = new TextTable(List.of("trial", "config", "repeat", "state", sweep.metricName(),
                    "params", "attempt", "worker", "device", "started", "finished", "error"), cli.clock().getZone());
            for (TrialRecord t : store.trials(sweep.id())) {
                if (wanted.contains(t.state())) {
                    table.add(Arrays.asList(t.number(), t.config(), t.repeat(), t.state().name(), t.value(),
                            new TreeMap<>(t.params()), t.attempt(), t.workerId(), t.device(), t.startedAt(),
                            t.finishedAt(), t.error()));
                }
            }
            if (table.size() == 0) {
                out().println("no trials" + (states == null ? "" : " in state " + states) + " in sweep " + name);
            } else {
                table.print(out());
            }
        }
        return ExitCode.OK;
    }
}
