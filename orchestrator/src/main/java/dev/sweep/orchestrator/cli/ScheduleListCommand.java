package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.schedule.QuartzSettings;
import dev.sweep.orchestrator.schedule.ScheduledSweep;
import dev.sweep.orchestrator.schedule.SweepSchedules;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        header = "List the stored schedules.",
        description = "Lists the stored schedules with their cron expression, stop time, next and previous firing.",
        footer = {"", "Examples:", "  sweep schedule list"})
final class ScheduleListCommand extends CliCommand {

    ScheduleListCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws SchedulerException {
        try (SweepSchedules schedules = SweepSchedules.openForEditing(QuartzSettings.forUrl(location().schedulesUrl()))) {
            List<ScheduledSweep> all = schedules.list();
            if (all.isEmpty()) {
                out().println("no schedules (add one with: sweep schedule <file> --cron \"0 0 22 * * ?\")");
                out().flush();
                return ExitCode.OK;
            }
            TextTable table = new TextTable(List.of("name", "cron", "time zone", "stop launching at", "next",
                    "previous", "state", "file"), cli.clock().getZone());
            for (ScheduledSweep s : all) {
                ZoneId zone = s.timeZone();
                table.add(Arrays.asList(s.name(), s.cron(), zone.getId(),
                        s.stopLaunchingAt() == null ? "-" : s.stopLaunchingAt().toString(),
                        TextTable.format(s.nextFire(), zone), TextTable.format(s.previousFire(), zone), s.state(),
                        s.file().toString()));
            }
            table.print(out());
        }
        return ExitCode.OK;
    }

    /** cron "0 0 22 * * ?" (Europe/Berlin), next 2024-03-05 22:00:00, no new trials after 07:00. */
    static String describe(ScheduledSweep s) {
        return "cron \"" + s.cron() + "\" (" + s.timeZone().getId() + "), next "
                + (s.nextFire() == null ? "never" : TextTable.format(s.nextFire(), s.timeZone()))
                + (s.stopLaunchingAt() == null ? "" : ", no new trials after " + s.stopLaunchingAt());
    }
}
