package dev.sweep.orchestrator.config;

/**
 * The sweep file's {@code schedule:}: a Quartz cron expression for when to start, an optional time of day
 * ("07:00") after which no new trial is launched, and the time zone (null: the system's).
 */
public record ScheduleSpec(String cron, String stopLaunchingAt, String timeZone) {
}
