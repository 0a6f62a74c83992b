package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import dev.sweep.search.study.TrialState;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show all sweeps, or one sweep with its running trials.",
        description = {"Shows every sweep (state, trials by state, best value), or one sweep in detail: its file, "
                + "counts, best trial and the trials running now with their worker, device and step."},
        footer = {"", "Examples:", "  sweep status", "  sweep status sst2-raster"})
final class StatusCommand extends CliCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    StatusCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        if (!location().exists()) {
            if (name != null) {
                throw UserInputException.unknownSweep(name, location());
            }
            out().println("no sweeps yet in " + location().describe() + " (start one with: sweep run <file>)");
            return ExitCode.OK;
        }
        try (ResultsStore store = openExistingStore()) {
            if (name == null) {
                all(store);
            } else {
                one(store, sweep(store, name));
            }
        }
        return ExitCode.OK;
    }

    private ZoneId zone() {
        return cli.clock().getZone();
    }

    private void all(ResultsStore store) {
        List<SweepRecord> sweeps = store.listSweeps();
        if (sweeps.isEmpty()) {
            out().println("no sweeps yet in " + location().describe() + " (start one with: sweep run <file>)");
            return;
        }
        TextTable table = new TextTable(List.of("sweep", "state", "method", "metric", "trials", "complete",
                "pruned", "running", "waiting", "failed", "best", "updated"), zone());
        for (SweepRecord s : sweeps) {
            Map<TrialState, Integer> counts = store.countByState(s.id());
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            Double best = SweepSummaries.best(s, store.trials(s.id())).map(TrialRecord::value).orElse(null);
            table.add(java.util.Arrays.asList(s.name(), s.state().name(), s.method(),
                    s.metricName() + " (" + s.goal().toLowerCase(java.util.Locale.ROOT) + ")", total,
                    counts.getOrDefault(TrialState.COMPLETE, 0), counts.getOrDefault(TrialState.PRUNED, 0),
                    counts.getOrDefault(TrialState.RUNNING, 0), counts.getOrDefault(TrialState.WAITING, 0),
                    SweepSummaries.failed(counts), best, s.updatedAt()));
        }
        table.print(out());
    }

    private void one(ResultsStore store, SweepRecord s) {
        PrintWriter out = out();
        List<TrialRecord> trials = store.trials(s.id());
        out.println("sweep    " + s.name() + "  (" + s.state() + ")");
        if (s.message() != null && !s.message().isBlank()) {
            out.println("message  " + s.message());
        }
        out.println("file     " + (s.sourcePath() == null ? "-" : s.sourcePath()) + "  (sha256 "
                + s.specHash().substring(0, Math.min(12, s.specHash().length())) + ")");
        out.println("search   " + s.method() + " · metric " + s.metricName() + " ("
                + s.goal().toLowerCase(java.util.Locale.ROOT) + ") · seed " + s.seed());
        out.println("created  " + TextTable.format(s.createdAt(), zone()) + " · updated "
                + TextTable.format(s.updatedAt(), zone()));
        out.println("trials   " + SweepSummaries.counts(store.countByState(s.id())));
        out.println("best     " + SweepSummaries.best(s, trials).map(SweepSummaries::describeBest).orElse("-"));
        List<TrialRecord> running = trials.stream().filter(t -> t.state() == TrialState.RUNNING).toList();
        if (running.isEmpty()) {
            out.println("running  none");
            out.flush();
            return;
        }
        out.println();
        out.println("running trials:");
        TextTable table = new TextTable(List.of("trial", "worker", "device", "attempt", "step",
                s.metricName(), "started", "lease until", "params"), zone());
        for (TrialRecord t : running) {
            List<MetricPoint> points = store.metrics(t.id());
            Long step = points.isEmpty() ? null : points.get(points.size() - 1).step();
            Double latest = points.stream().filter(p -> p.name().equals(s.metricName()))
                    .reduce((a, b) -> b).map(MetricPoint::value).orElse(null);
            table.add(java.util.Arrays.asList(t.number(), t.workerId(), t.device(), t.attempt(), step, latest,
                    t.startedAt(), t.leaseUntil(), new java.util.TreeMap<>(t.params())));
        }
        table.print(out);
    }
}
