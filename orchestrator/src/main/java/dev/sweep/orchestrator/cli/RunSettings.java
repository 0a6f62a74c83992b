package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.SweepSpec;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that {@code run} and {@code resume} share. */
final class RunSettings {

    @Option(names = "--workers", paramLabel = "N",
            description = "run N CPU worker processes (instead of the file's resources)")
    Integer workers;

    @Option(names = "--devices", split = ",", paramLabel = "GPU",
            description = "run on these GPUs, e.g. 0,1 (one worker per device × trials_per_device)")
    List<Integer> devices;

    @Option(names = "--no-progress",
            description = "print a line per trial instead of a progress bar (the default when not on a terminal)")
    boolean noProgress;

    SweepSpec apply(SweepSpec spec) {
        return SweepFiles.withResources(spec, workers, devices);
    }

    RunDriver.Display display(CliContext cli) {
        return !noProgress && cli.interactive() ? RunDriver.Display.BAR : RunDriver.Display.LOG;
    }
}
