package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.schedule.QuartzSettings;
import dev.sweep.orchestrator.schedule.ScheduledSweep;
import dev.sweep.orchestrator.schedule.SweepSchedules;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        header = "Run the daemon that fires the schedules.",
        description = {"Runs the scheduler daemon: fires the stored schedules (sweep schedule …) at their cron "
                + "times and runs their sweeps, logging one line per trial. Schedules added or removed while it "
                + "runs are picked up within seconds. A schedule missed while the daemon was down fires once when "
                + "it comes back, unless its stop-launching time has passed. Runs until Ctrl-C: once stops "
                + "launching (running trials finish), twice stops running trials too."},
        footer = {"", "Examples:",
                "  sweep scheduler",
                "  nohup ./sweep scheduler > runs/scheduler.log 2>&1 &"})
final class SchedulerCommand extends CliCommand {

    SchedulerCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws SchedulerException, InterruptedException {
        RunningSweeps running = new RunningSweeps();
        CountDownLatch stop = new CountDownLatch(1);
        CtrlCPolicy policy = new CtrlCPolicy(running, cli.err(), cli.halt());
        try (SweepSchedules schedules = SweepSchedules.open(QuartzSettings.forUrl(location().schedulesUrl()),
                new ScheduledRuns(cli, location(), running), cli.clock());
             InterruptSource.Installed ignored = cli.interrupts().install(press -> {
                 policy.accept(press);
                 stop.countDown();
             })) {
            List<ScheduledSweep> all = schedules.list();
            schedules.start();
            out().println("scheduler running with " + all.size() + " schedule" + (all.size() == 1 ? "" : "s")
                    + " from " + location().describe() + " (Ctrl-C to stop)");
            for (ScheduledSweep s : all) {
                out().println("  " + s.name() + ": " + ScheduleListCommand.describe(s));
            }
            out().flush();
            stop.await();
            schedules.shutdown(true); // returns once the running sweeps have stopped
            out().println("scheduler stopped");
            out().flush();
        }
        return ExitCode.OK;
    }
}
