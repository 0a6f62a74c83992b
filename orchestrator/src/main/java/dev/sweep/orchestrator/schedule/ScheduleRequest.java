package dev.sweep.orchestrator.schedule;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import org.quartz.CronExpression;

/**
 * A schedule as the user asks for it: launch the sweep file {@code file} under the schedule {@code name} (the
 * sweep's name) whenever the Quartz {@code cron} expression fires in {@code timeZone}; when
 * {@code stopLaunchingAt} is set, no new trial starts after the first such time of day following the fire time.
 */
public record ScheduleRequest(String name, Path file, String cron, LocalTime stopLaunchingAt, ZoneId timeZone) {
    public ScheduleRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(timeZone, "timeZone");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a non-blank name, but got '" + name + "'");
        }
        file = file.toAbsolutePath().normalize();
        checkCron(cron);
    }

    /** Throws an IllegalArgumentException naming the expression and Quartz's reason when it is not valid. */
    public static void checkCron(String cron) {
        try {
            new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("a Quartz cron expression (seconds minutes hours day-of-month month "
                    + "day-of-week [year], e.g. \"0 0 22 * * ?\") is needed, but got \"" + cron + "\": "
                    + e.getMessage(), e);
        }
    }
}
