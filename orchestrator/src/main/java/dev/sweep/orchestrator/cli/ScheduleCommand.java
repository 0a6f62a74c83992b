package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.ScheduleSpec;
import dev.sweep.orchestrator.config.SweepSpec;
import dev.sweep.orchestrator.schedule.QuartzSettings;
import dev.sweep.orchestrator.schedule.ScheduleRequest;
import dev.sweep.orchestrator.schedule.ScheduledSweep;
import dev.sweep.orchestrator.schedule.SweepSchedules;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        header = "Schedule a sweep file on a cron expression (also: schedule list, schedule remove).",
        description = {"Schedules a sweep file to launch on a Quartz cron expression (seconds minutes hours "
                + "day-of-month month day-of-week), optionally launching no new trial after a time of day. "
                + "Schedules are stored beside the results database and survive restarts; they fire while the "
                + "daemon runs (sweep scheduler). Without --cron, the file's schedule: block is used."},
        subcommands = {ScheduleListCommand.class, ScheduleRemoveCommand.class},
        footer = {"", "Examples:",
                "  sweep schedule sweeps/sst2-raster.yaml --cron \"0 0 22 * * ?\" --stop-launching-at 07:00",
                "  sweep schedule sweeps/sst2-raster.yaml --cron \"0 30 21 ? * MON-FRI\" --time-zone Europe/Berlin --replace",
                "  sweep schedule list",
                "  sweep schedule remove sst2-raster",
                "  nohup ./sweep scheduler > runs/scheduler.log 2>&1 &"})
final class ScheduleCommand extends CliCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the sweep file")
    Path file;

    @Option(names = "--cron", paramLabel = "EXPR",
            description = "Quartz cron expression, e.g. \"0 0 22 * * ?\" for 22:00 every day (default: the file's)")
    String cron;

    @Option(names = "--stop-launching-at", paramLabel = "HH:MM",
            description = "no new trial starts after this time of day (the first one after the launch); "
                    + "running trials finish (default: the file's, else none)")
    String stopLaunchingAt;

    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "time zone of the cron expression and stop time, e.g. Europe/Berlin "
                    + "(default: the file's, else the system's)")
    String timeZone;

    @Option(names = "--replace", description = "replace a schedule of the same name")
    boolean replace;

    ScheduleCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws SchedulerException {
        if (file == null) {
            throw new ParameterException(spec.commandLine(),
                    "a sweep file is needed (or one of: sweep schedule list, sweep schedule remove NAME)");
        }
        Path path = cli.resolve(file);
        SweepSpec sweep = SweepFiles.parse(path);
        ScheduleSpec fromFile = sweep.schedule();
        String expression = cron != null ? cron : fromFile == null ? null : fromFile.cron();
        if (expression == null) {
            throw new UserInputException("--cron is needed: " + file + " has no schedule: block "
                    + "(e.g. --cron \"0 0 22 * * ?\" for 22:00 every day)");
        }
        String stop = stopLaunchingAt != null ? stopLaunchingAt : fromFile == null ? null : fromFile.stopLaunchingAt();
        String zone = timeZone != null ? timeZone : fromFile == null ? null : fromFile.timeZone();
        ScheduleRequest request;
        try {
            request = new ScheduleRequest(sweep.name(), path, expression, time(stop), zone(zone));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        try (SweepSchedules schedules = SweepSchedules.openForEditing(QuartzSettings.forUrl(location().schedulesUrl()))) {
            ScheduledSweep stored;
            try {
                stored = schedules.put(request, replace);
            } catch (IllegalStateException e) {
                throw new UserInputException(e.getMessage());
            }
            out().println("scheduled " + stored.name() + ": " + ScheduleListCommand.describe(stored));
            out().println("schedules fire while the daemon runs: sweep scheduler "
                    + "(e.g. nohup ./sweep scheduler > runs/scheduler.log 2>&1 &)");
            out().flush();
        }
        return ExitCode.OK;
    }

    private ZoneId zone(String id) {
        if (id == null) {
            return cli.clock().getZone();
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new UserInputException("--time-zone must be a zone id such as Europe/Berlin or UTC, but got '"
                    + id + "'");
        }
    }

    private static LocalTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.length() == 4 && text.charAt(1) == ':' ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new UserInputException("--stop-launching-at must be a time of day HH:MM such as 07:00, but got '"
                    + text + "'");
        }
    }
}
