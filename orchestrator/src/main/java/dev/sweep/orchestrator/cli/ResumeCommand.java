package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.engine.RunSummary;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        header = "Resume a stopped sweep from the sweep file stored with it.",
        description = {"Resumes a stopped sweep from the sweep file stored with it (the file on disk may have "
                + "changed or gone): trials that were running when it stopped run again, the rest continue."},
        footer = {"", "Examples:", "  sweep resume sst2-raster", "  sweep resume sst2-raster --workers 2"})
final class ResumeCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Mixin
    RunSettings settings;

    ResumeCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws InterruptedException {
        SweepRecord sweep;
        try (ResultsStore store = openExistingStore()) {
            sweep = sweep(store, name);
        }
        Path source = sweep.sourcePath() != null ? Path.of(sweep.sourcePath()) : Path.of(sweep.name() + ".yaml");
        SweepSpec spec = settings.apply(SweepFiles.withName(SweepFiles.parseStored(sweep.specText(), source), name));
        RunningSweeps running = new RunningSweeps();
        try (InterruptSource.Installed ignored = cli.interrupts().install(
                new CtrlCPolicy(running, cli.err(), cli.halt()))) {
            RunSummary summary = new RunDriver(cli, location()).run(spec, null, settings.display(cli), running);
            return RunDriver.exitCode(summary);
        }
    }
}
