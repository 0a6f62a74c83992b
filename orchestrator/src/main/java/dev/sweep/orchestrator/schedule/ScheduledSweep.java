package dev.sweep.orchestrator.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A stored schedule as {@code sweep schedule list} shows it. {@code nextFire}/{@code previousFire} are null
 * when there is none; {@code state} is Quartz's trigger state (NORMAL, PAUSED, BLOCKED while its sweep runs, …).
 */
public record ScheduledSweep(String name, Path file, String cron, LocalTime stopLaunchingAt, ZoneId timeZone,
                             Instant nextFire, Instant previousFire, String state) {
}
