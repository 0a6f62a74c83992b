package dev.sweep.orchestrator.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The stored schedules and the Quartz scheduler that fires them. Schedules live in Quartz's JDBC job store, so
 * they survive restarts; {@link #start()} is called only by the {@code sweep scheduler} daemon, the other
 * commands open it to add, list and remove schedules without firing anything.
 *
 * <p><b>Misfire policy.</b> A schedule's cron trigger uses {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}: when the
 * daemon was down (or busy) at the fire time and comes back more than a minute late, the missed firings collapse
 * into one firing right away. The job then computes the stop-launching time from the <em>scheduled</em> time, so
 * a 22:00 schedule recovered at 01:00 still stops launching at 07:00, and one recovered after 07:00 is skipped
 * (logged). Jobs request recovery: a sweep cut off by a daemon crash is fired again when the daemon restarts,
 * which resumes it from the results store under the same rule.
 */
public final class SweepSchedules implements AutoCloseable {

    static final String GROUP = "sweeps";

    private final Scheduler scheduler;
    private final boolean editOnly;

    private SweepSchedules(Scheduler scheduler, boolean editOnly) {
        this.scheduler = scheduler;
        this.editOnly = editOnly;
    }

    /** Opens (creating its tables if needed) the job store; nothing fires until {@link #start()}. */
    public static SweepSchedules open(QuartzSettings settings, SweepLauncher launcher, Clock clock)
            throws SchedulerException {
        return create(settings, launcher, clock, false);
    }

    private static SweepSchedules create(QuartzSettings settings, SweepLauncher launcher, Clock clock,
                                         boolean editOnly) throws SchedulerException {
        if (SchedulerRepository.getInstance().lookup(settings.schedulerName()) != null) {
            throw new IllegalStateException("a Quartz scheduler named '" + settings.schedulerName()
                    + "' is already open in this process; close it first");
        }
        Scheduler scheduler = new StdSchedulerFactory(settings.properties()).getScheduler();
        scheduler.setJobFactory(new SweepJobFactory(launcher, clock));
        return new SweepSchedules(scheduler, editOnly);
    }

    /**
     * Opens the job store to add, list or remove schedules from a process that never fires them (the CLI
     * commands); {@link #start()} on it is refused.
     */
    public static SweepSchedules openForEditing(QuartzSettings settings) throws SchedulerException {
        return create(settings, launch -> {
            throw new IllegalStateException("this process only edits schedules; the sweep scheduler daemon fires them");
        }, Clock.systemUTC(), true);
    }

    /**
     * Stores a schedule. @throws IllegalStateException when one of that name exists and {@code replace} is false
     */
    public ScheduledSweep put(ScheduleRequest request, boolean replace) throws SchedulerException {
        JobKey key = JobKey.jobKey(request.name(), GROUP);
        if (!replace && scheduler.checkExists(key)) {
            throw new IllegalStateException("a schedule named '" + request.name() + "' exists already; pass --replace "
                    + "to change it, or remove it with: sweep schedule remove " + request.name());
        }
        JobDataMap data = new JobDataMap();
        data.put(LaunchSweepJob.FILE, request.file().toString());
        data.put(LaunchSweepJob.TIME_ZONE, request.timeZone().getId());
        if (request.stopLaunchingAt() != null) {
            data.put(LaunchSweepJob.STOP_LAUNCHING_AT, request.stopLaunchingAt().toString());
        }
        JobDetail job = JobBuilder.newJob(LaunchSweepJob.class)
                .withIdentity(key)
                .withDescription("sweep " + request.name() + " from " + request.file())
                .usingJobData(data)
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(request.name(), GROUP)
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(request.cron())
                        .inTimeZone(TimeZone.getTimeZone(request.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
        return find(request.name()).orElseThrow();
    }

    public List<ScheduledSweep> list() throws SchedulerException {
        List<ScheduledSweep> out = new ArrayList<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            find(key.getName()).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(ScheduledSweep::name));
        return out;
    }

    public Optional<ScheduledSweep> find(String name) throws SchedulerException {
        JobDetail job = scheduler.getJobDetail(JobKey.jobKey(name, GROUP));
        if (job == null) {
            return Optional.empty();
        }
        JobDataMap data = job.getJobDataMap();
        String stop = data.getString(LaunchSweepJob.STOP_LAUNCHING_AT);
        CronTrigger cron = scheduler.getTriggersOfJob(job.getKey()).stream()
                .filter(CronTrigger.class::isInstance).map(CronTrigger.class::cast).findFirst().orElse(null);
        String zone = data.getString(LaunchSweepJob.TIME_ZONE);
        return Optional.of(new ScheduledSweep(name, Path.of(data.getString(LaunchSweepJob.FILE)),
                cron == null ? null : cron.getCronExpression(),
                stop == null ? null : LocalTime.parse(stop),
                zone == null ? ZoneId.systemDefault() : ZoneId.of(zone),
                cron == null ? null : instant(cron.getNextFireTime()),
                cron == null ? null : instant(cron.getPreviousFireTime()),
                cron == null ? "NONE" : scheduler.getTriggerState(cron.getKey()).name()));
    }

    /** Removes a schedule (a sweep it launched keeps running); false when there is none of that name. */
    public boolean remove(String name) throws SchedulerException {
        return scheduler.deleteJob(JobKey.jobKey(name, GROUP));
    }

    /** Starts firing schedules (the daemon). */
    public void start() throws SchedulerException {
        if (editOnly) {
            throw new IllegalStateException("schedules opened for editing do not fire; open them with a launcher");
        }
        scheduler.start();
    }

    /** Stops firing; with {@code waitForJobs} returns only once running launches have returned. */
    public void shutdown(boolean waitForJobs) throws SchedulerException {
        if (!scheduler.isShutdown()) {
            scheduler.shutdown(waitForJobs);
        }
    }

    public boolean isShutdown() throws SchedulerException {
        return scheduler.isShutdown();
    }

    @Override
    public void close() throws SchedulerException {
        shutdown(false);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
