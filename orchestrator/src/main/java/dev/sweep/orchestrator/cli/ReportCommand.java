package dev.sweep.orchestrator.cli;

import dev.sweep.dashboards.browser.HeadlessChromium;
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
        footer = {"", "Examples:", "  sweep report sst2-raster", "  sweep report sst2-raster -o /tmp/sst2.html",
                "  sweep report sst2-raster --png        # also every chart as SVG and PNG, for papers"})
final class ReportCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where to write it (default: runs/<sweep>/report.html beside the database)")
    Path output;

    @Option(names = "--svg", description = "also write every chart as a stand-alone SVG file beside the report")
    boolean svg;

    @Option(names = "--png", description = "also write every chart as SVG and PNG (rendered by headless Chromium)")
    boolean png;

    @Option(names = "--chromium", paramLabel = "FILE", description = "the Chromium binary for --png "
            + "(default: /usr/bin/chromium)")
    Path chromium;

    ReportCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path browser = chromium != null ? cli.resolve(chromium) : HeadlessChromium.DEFAULT_BINARY;
        if (png && !HeadlessChromium.available(browser)) {
            throw new UserInputException("--png renders the charts with headless Chromium: "
                    + (chromium != null ? "--chromium" : "its default binary") + " must be an executable file, but got "
                    + browser + " (Debian: apt-get install chromium; or pass --chromium FILE, or use --svg)");
        }
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            Path target = output != null ? cli.resolve(output)
                    : location().runsDir(cli.workingDir()).resolve(sweep.name()).resolve("report.html");
            ReportWriter writer = new ReportWriter(cli.clock());
            ReportWriter.Written written = writer.write(store, sweep.id(), target);
            out().println("wrote the report of " + sweep.name() + " (" + written.trials() + " trials, "
                    + Math.max(1, written.bytes() / 1024) + " KiB) to " + written.file());
            if (svg || png) {
                Path dir = target.toAbsolutePath().getParent().resolve("charts");
                java.util.List<Path> charts = writer.writeCharts(store, sweep.id(), dir, sweep.name(), png, browser);
                out().println("wrote " + charts.size() + " chart files to " + dir);
            }
            out().flush();
        }
        return ExitCode.OK;
    }
}
