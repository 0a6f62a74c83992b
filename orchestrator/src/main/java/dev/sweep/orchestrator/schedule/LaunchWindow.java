package dev.sweep.orchestrator.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a launch that was scheduled at one instant must stop launching trials: the next given time of day. */
public final class LaunchWindow {

    private LaunchWindow() {
    }

    /**
     * The first instant strictly after {@code scheduledAt} whose local time in {@code zone} is {@code stopAt}
     * (a 22:00 start with 07:00 gives 07:00 the next morning; a 01:00 start gives 07:00 the same day).
     * Null when {@code stopAt} is null.
     */
    public static Instant stopInstant(Instant scheduledAt, LocalTime stopAt, ZoneId zone) {
        if (stopAt == null) {
            return null;
        }
        ZonedDateTime start = scheduledAt.atZone(zone);
        ZonedDateTime stop = start.toLocalDate().atTime(stopAt).atZone(zone);
        if (!stop.isAfter(start)) {
            stop = start.toLocalDate().plusDays(1).atTime(stopAt).atZone(zone);
        }
        return stop.toInstant();
    }
}
