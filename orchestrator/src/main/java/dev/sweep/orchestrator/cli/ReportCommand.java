package dev.sweep.orchestrator.cli;

import dev.sweep.dashboards.report.ReportWriter;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Write a sweep's self-contained HTML report.",
        description = {"Writes a sweep's report: one self-contained HTML file (leaderboard, curves, parameter "
                + "importance, parallel coordinates, provenance) that opens offline and can be mailed around."},
        footer = {"", "Examples:", "  sweep report sst2-raster", "  sweep report sst2-raster -o /tmp/sst2.html"})
final class ReportCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where to write it (default: runs/<sweep>/report.html beside the database)")
    Path output;

    ReportCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws IOException {
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            Path target = output != null ? cli.resolve(output)
                    : location().runsDir(cli.workingDir()).resolve(sweep.name()).resolve("report.html");
            ReportWriter.Written written = new ReportWriter(cli.clock()).write(store, sweep.id(), target);
            out().println("wrote the report of " + sweep.name() + " (" + written.trials() + " trials, "
                    + Math.max(1, written.bytes() / 1024) + " KiB) to " + written.file());
            out().flush();
        }
        return ExitCode.OK;
    }
}
