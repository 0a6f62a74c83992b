package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.SweepFileException;
import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.engine.RunSummary;
import dev.sweep.orchestrator.schedule.Launch;
import dev.sweep.orchestrator.schedule.SweepLauncher;
import java.io.PrintWriter;

/**
 * What the scheduler daemon does when a schedule fires: re-reads the sweep file (so a fixed typo is picked up;
 * an edited experiment is refused like {@code sweep run} refuses it), runs it under the schedule's name until
 * it ends or its stop-launching time passes, and logs how it went. A bad file or a conflict is logged, not
 * thrown: the schedule stays and fires again next time.
 */
final class ScheduledRuns implements SweepLauncher {

    private final CliContext cli;
    private final StoreLocation location;
    private final RunningSweeps running;

    ScheduledRuns(CliContext cli, StoreLocation location, RunningSweeps running) {
        this.cli = cli;
        this.location = location;
        this.running = running;
    }

    @Override
    public void launch(Launch launch) throws InterruptedException {
        PrintWriter err = cli.err();
        if (running.stopping()) {
            say("schedule " + launch.name() + " fired while the scheduler stops: not launched");
            return;
        }
        SweepSpec spec;
        try {
            spec = SweepFiles.withName(SweepFiles.parse(launch.file()), launch.name());
        } catch (SweepFileException | UserInputException e) {
            say("schedule " + launch.name() + ": not launched, " + launch.file() + " is not a valid sweep file:");
            err.println(e.getMessage());
            err.flush();
            return;
        }
        say("schedule " + launch.name() + " launching " + launch.file()
                + (launch.stopLaunchingAt() == null ? ""
                : " (no new trials after " + TextTable.format(launch.stopLaunchingAt(), cli.clock().getZone()) + ")"));
        try {
            RunSummary summary = new RunDriver(cli, location).run(spec, launch.stopLaunchingAt(),
                    RunDriver.Display.LOG, running);
            say("schedule " + launch.name() + " done: sweep " + summary.state() + " (" + summary.reason() + ")");
        } catch (UserInputException e) {
            say("schedule " + launch.name() + ": not launched: " + e.getMessage());
        }
    }

    private void say(String line) {
        cli.err().println(TextTable.format(cli.clock().instant(), cli.clock().getZone()) + " " + line);
        cli.err().flush();
    }
}
