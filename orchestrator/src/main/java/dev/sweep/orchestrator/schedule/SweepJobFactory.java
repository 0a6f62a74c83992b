package dev.sweep.orchestrator.schedule;

import java.time.Clock;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds {@link LaunchSweepJob}s with their collaborators by constructor; refuses any other job class. */
public final class SweepJobFactory implements JobFactory {

    private final SweepLauncher launcher;
    private final Clock clock;

    public SweepJobFactory(SweepLauncher launcher, Clock clock) {
        this.launcher = launcher;
        this.clock = clock;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        if (type != LaunchSweepJob.class) {
            throw new SchedulerException("this scheduler runs only " + LaunchSweepJob.class.getName()
                    + " jobs, but got " + type.getName());
        }
        return new LaunchSweepJob(launcher, clock);
    }
}
