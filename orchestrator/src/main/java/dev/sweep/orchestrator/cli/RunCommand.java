package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.engine.RunSummary;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run (or resume) a sweep file, with a progress bar and the leaderboard at the end.",
        description = {"Runs a sweep file: parses and validates it first (a bad file stops here with every problem "
                + "listed as FILE:LINE:COLUMN, exit code 2, and nothing stored), then runs its trials on the worker "
                + "processes with a progress bar, and prints the leaderboard at the end.",
                "Running the same file again resumes the sweep where it stopped (no trial runs twice); for a "
                        + "sweep that has finished it starts no worker and prints the leaderboard. A changed "
                        + "file under the same name is refused: rename it, or pass --new-name.",
                "Ctrl-C once: no new trials, running ones finish. Twice: running trials stop too (they are "
                        + "resumed by the next run)."},
        footer = {"", "Examples:",
                "  sweep run sweeps/sst2-raster.yaml",
                "  sweep run sweeps/branin.yaml --workers 4 --no-progress",
                "  sweep run sweeps/sst2-raster.yaml --devices 0,1",
                "  sweep run sweeps/sst2-raster.yaml --new-name sst2-raster-v2"})
final class RunCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "the sweep file (YAML)")
    Path file;

    @Mixin
    RunSettings settings;

    @Option(names = "--new-name", paramLabel = "NAME",
            description = "store and run the sweep under this name instead of the file's name: field")
    String newName;

    RunCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws InterruptedException {
        SweepSpec spec = SweepFiles.parse(cli.resolve(file));
        if (newName != null) {
            spec = SweepFiles.withName(spec, newName);
        }
        spec = settings.apply(spec);
        RunningSweeps running = new RunningSweeps();
        try (InterruptSource.Installed ignored = cli.interrupts().install(
                new CtrlCPolicy(running, cli.err(), cli.halt()))) {
            RunSummary summary = new RunDriver(cli, location()).run(spec, null, settings.display(cli), running);
            return RunDriver.exitCode(summary);
        }
    }
}
