package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.MetricPoint;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "curves", mixinStandardHelpOptions = true,
        header = "Print one trial's metrics per step.",
        description = "Prints one trial's curves: a row per step, a column per metric it reported.",
        footer = {"", "Examples:", "  sweep curves sst2-raster 7"})
final class CurvesCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Parameters(index = "1", paramLabel = "TRIAL", description = "the trial's number in the sweep")
    int number;

    CurvesCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            TrialRecord trial = store.trial(sweep.id(), number).orElseThrow(() -> new UserInputException(
                    "sweep " + name + " has no trial " + number + " (list them with: sweep trials " + name + ")"));
            List<MetricPoint> points = store.metrics(trial.id());
            if (points.isEmpty()) {
                out().println("trial " + number + " of " + name + " (" + trial.state() + ") reported no metrics yet");
                return ExitCode.OK;
            }
            TreeSet<String> names = new TreeSet<>();
            TreeMap<Long, Map<String, Double>> byStep = new TreeMap<>();
            for (MetricPoint p : points) {
                names.add(p.name());
                byStep.computeIfAbsent(p.step(), s -> new TreeMap<>()).put(p.name(), p.value());
            }
            List<String> headers = new ArrayList<>();
            headers.add("step");
            headers.addAll(names);
            TextTable table = new TextTable(headers, cli.clock().getZone());
            byStep.forEach((step, values) -> {
                List<Object> row = new ArrayList<>();
                row.add(step);
                names.forEach(n -> row.add(values.get(n)));
                table.add(row);
            });
            out().println("trial " + number + " of " + name + " (" + trial.state() + ")");
            table.print(out());
        }
        return ExitCode.OK;
    }
}
