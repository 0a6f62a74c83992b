package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.schedule.QuartzSettings;
import dev.sweep.orchestrator.schedule.SweepSchedules;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true,
        header = "Remove a schedule.",
        description = "Removes a schedule. A sweep it launched keeps running (stop it with Ctrl-C or sweep cancel).",
        footer = {"", "Examples:", "  sweep schedule remove sst2-raster"})
final class ScheduleRemoveCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "the schedule's name (its sweep's name)")
    String name;

    ScheduleRemoveCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws SchedulerException {
        try (SweepSchedules schedules = SweepSchedules.openForEditing(QuartzSettings.forUrl(location().schedulesUrl()))) {
            if (!schedules.remove(name)) {
                throw new UserInputException("no schedule named '" + name + "' (list them with: sweep schedule list)");
            }
            out().println("removed schedule " + name);
            out().flush();
        }
        return ExitCode.OK;
    }
}
