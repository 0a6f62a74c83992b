package dev.sweep.orchestrator.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Quartz job behind every schedule. It gets its collaborators by constructor from {@link SweepJobFactory};
 * the job's data holds only the sweep file's path and the stop-launching time of day.
 *
 * <p>The window is computed from the <em>scheduled</em> fire time, not the actual one, so a misfired schedule
 * that Quartz fires late (see {@link SweepSchedules} for the misfire policy) still stops launching at the same
 * morning hour, and one fired after that hour is skipped with a warning instead of running all day.
 * {@link DisallowConcurrentExecution}: a sweep still running from the previous firing is not started twice.
 */
@DisallowConcurrentExecution
public final class LaunchSweepJob implements Job {

    static final String FILE = "file";
    static final String STOP_LAUNCHING_AT = "stopLaunchingAt";
    static final String TIME_ZONE = "timeZone";

    private static final Logger log = LoggerFactory.getLogger(LaunchSweepJob.class);

    private final SweepLauncher launcher;
    private final Clock clock;

    public LaunchSweepJob(SweepLauncher launcher, Clock clock) {
        this.launcher = launcher;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String name = context.getJobDetail().getKey().getName();
        JobDataMap data = context.getMergedJobDataMap();
        Path file = Path.of(data.getString(FILE));
        String stopText = data.getString(STOP_LAUNCHING_AT);
        LocalTime stopAt = stopText == null || stopText.isBlank() ? null : LocalTime.parse(stopText);
        Instant scheduled = context.getScheduledFireTime().toInstant();
        Instant stop = LaunchWindow.stopInstant(scheduled, stopAt, zoneOf(data, context.getTrigger()));
        Instant now = clock.instant();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("sweep", name)) {
            if (stop != null && !now.isBefore(stop)) {
                log.warn("schedule {} was due at {} but fired at {}, after its stop-launching time {}: skipped",
                        name, scheduled, now, stop);
                return;
            }
            log.info("schedule {} fired (due {}): launching {}{}", name, scheduled, file,
                    stop == null ? "" : ", no new trials after " + stop);
            launcher.launch(new Launch(name, file, scheduled, now, stop));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobExecutionException("schedule " + name + " was interrupted", e, false);
        } catch (RuntimeException e) {
            log.error("schedule {} failed: {}", name, e.getMessage(), e);
            throw new JobExecutionException("schedule " + name + " failed: " + e.getMessage(), e, false);
        }
    }

    /** The schedule's zone: from the job data (a recovery trigger is not a cron trigger), else the trigger's. */
    private static ZoneId zoneOf(JobDataMap data, Trigger trigger) {
        String zone = data.getString(TIME_ZONE);
        if (zone != null) {
            return ZoneId.of(zone);
        }
        return trigger instanceof CronTrigger cron ? cron.getTimeZone().toZoneId() : ZoneId.systemDefault();
    }
}
