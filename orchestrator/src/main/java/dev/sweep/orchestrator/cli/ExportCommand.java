package dev.sweep.orchestrator.cli;

import dev.sweep.results.export.Exporter;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Export a sweep's trials as CSV or JSON.",
        description = {"Writes a sweep's trials, one row per trial: number, state, value, every param, every final "
                + "metric (final_<name>), seed, attempt, worker, device, times, duration, error. JSON also holds "
                + "the sweep's own fields. To standard output, or to a file with -o."},
        footer = {"", "Examples:", "  sweep export sst2-raster --format csv > sst2.csv",
                "  sweep export sst2-raster -o runs/sst2.json",
                "  python -c \"import pandas as pd; print(pd.read_csv('sst2.csv').groupby('optimizer').value.max())\""})
final class ExportCommand extends CliCommand {

    enum Format { CSV, JSON }

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Option(names = {"-f", "--format"}, paramLabel = "csv|json",
            description = "csv or json (default: the -o file's extension, else csv)")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to this file instead of stdout")
    Path output;

    ExportCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws IOException {
        Format chosen = format != null ? format
                : output != null && output.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? Format.JSON
                : Format.CSV;
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            Exporter exporter = new Exporter(store);
            if (output == null) {
                write(exporter, chosen, sweep.id(), out());
                out().flush();
                return ExitCode.OK;
            }
            Path target = cli.resolve(output);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                write(exporter, chosen, sweep.id(), w);
            }
            int trials = store.trials(sweep.id()).size();
            out().println("wrote " + trials + " trial" + (trials == 1 ? "" : "s") + " of " + sweep.name() + " as "
                    + chosen.name().toLowerCase(Locale.ROOT) + " to " + target);
            out().flush();
        }
        return ExitCode.OK;
    }

    private static void write(Exporter exporter, Format format, long sweepId, Writer out) {
        if (format == Format.JSON) {
            exporter.json(sweepId, out);
        } else {
            exporter.csv(sweepId, out);
        }
    }
}
