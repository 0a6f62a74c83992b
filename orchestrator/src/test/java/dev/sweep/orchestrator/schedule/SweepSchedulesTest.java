package dev.sweep.orchestrator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Quartz on a real H2 file database. */
class SweepSchedulesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private QuartzSettings settings() {
        return new QuartzSettings("jdbc:h2:file:" + dir.resolve("schedules") + ";AUTO_SERVER=TRUE", "sweep-test", 2,
                Duration.ofSeconds(1));
    }

    private static SweepLauncher unused() {
        return launch -> {
            throw new AssertionError("nothing may fire in this test, but " + launch + " did");
        };
    }

    @Test
    void aScheduleSurvivesARestartOfTheScheduler() throws Exception {
        ScheduleRequest nightly = new ScheduleRequest("sst2-raster", dir.resolve("sst2.yaml"), "0 0 22 * * ?",
                LocalTime.of(7, 0), BERLIN);
        try (SweepSchedules schedules = SweepSchedules.open(settings(), unused(), Clock.systemUTC())) {
            ScheduledSweep stored = schedules.put(nightly, false);
            assertEquals("0 0 22 * * ?", stored.cron());
            assertNotNull(stored.nextFire());
            assertEquals(22, stored.nextFire().atZone(BERLIN).getHour());
        }
        try (SweepSchedules restarted = SweepSchedules.open(settings(), unused(), Clock.systemUTC())) {
            List<ScheduledSweep> all = restarted.list();
            assertEquals(1, all.size());
            ScheduledSweep again = all.get(0);
            assertEquals("sst2-raster", again.name());
            assertEquals(dir.resolve("sst2.yaml").toAbsolutePath(), again.file());
            assertEquals("0 0 22 * * ?", again.cron());
            assertEquals(LocalTime.of(7, 0), again.stopLaunchingAt());
            assertEquals(BERLIN, again.timeZone());
            assertEquals("NORMAL", again.state());
            assertTrue(restarted.remove("sst2-raster"));
            assertFalse(restarted.remove("sst2-raster"));
        }
        try (SweepSchedules third = SweepSchedules.open(settings(), unused(), Clock.systemUTC())) {
            assertTrue(third.list().isEmpty());
        }
    }

    @Test
    void aSecondScheduleOfTheSameNameIsRefusedUnlessReplaced() throws Exception {
        try (SweepSchedules schedules = SweepSchedules.open(settings(), unused(), Clock.systemUTC())) {
            schedules.put(new ScheduleRequest("a", dir.resolve("a.yaml"), "0 0 22 * * ?", null, BERLIN), false);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> schedules.put(
                    new ScheduleRequest("a", dir.resolve("a.yaml"), "0 0 23 * * ?", null, BERLIN), false));
            assertTrue(e.getMessage().contains("sweep schedule remove a"), e.getMessage());
            schedules.put(new ScheduleRequest("a", dir.resolve("a.yaml"), "0 30 23 * * ?", null, BERLIN), true);
            assertEquals("0 30 23 * * ?", schedules.find("a").orElseThrow().cron());
        }
    }

    @Test
    void aBadCronExpressionIsRefusedWithQuartzsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScheduleRequest("a", dir.resolve("a.yaml"), "0 0 25 * * ?", null, BERLIN));
        assertTrue(e.getMessage().contains("\"0 0 25 * * ?\""), e.getMessage());
    }

    @Test
    void aScheduleThatIsDueFiresItsLaunchWithTheStopTime() throws Exception {
        BlockingQueue<Launch> launches = new LinkedBlockingQueue<>();
        try (SweepSchedules schedules = SweepSchedules.open(settings(), launches::add, Clock.systemUTC())) {
            LocalTime stopAt = LocalTime.of(7, 0);
            schedules.put(new ScheduleRequest("every-second", dir.resolve("s.yaml"), "* * * * * ?", stopAt, BERLIN),
                    false);
            schedules.start();
            Launch launch = launches.poll(10, TimeUnit.SECONDS);
            assertNotNull(launch, "the every-second schedule did not fire within 10 s");
            schedules.shutdown(true);
            assertEquals("every-second", launch.name());
            assertEquals(dir.resolve("s.yaml").toAbsolutePath(), launch.file());
            assertEquals(LaunchWindow.stopInstant(launch.scheduledAt(), stopAt, BERLIN), launch.stopLaunchingAt());
            assertTrue(launch.stopLaunchingAt().isAfter(launch.scheduledAt()));
            assertTrue(Duration.between(launch.scheduledAt(), Instant.now()).toSeconds() < 30);
        }
    }

    @Test
    void aFiringAfterItsStopLaunchingTimeIsSkipped() throws Exception {
        // the job's clock runs a day ahead: every firing arrives after the stop time that follows its due time,
        // as a schedule recovered the morning after a night the daemon was down would
        Clock dayLate = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        BlockingQueue<Launch> launches = new LinkedBlockingQueue<>();
        try (SweepSchedules schedules = SweepSchedules.open(settings(), launches::add, dayLate)) {
            LocalTime stopAt = LocalTime.now(BERLIN).plusHours(1).withNano(0);
            schedules.put(new ScheduleRequest("late", dir.resolve("s.yaml"), "* * * * * ?", stopAt, BERLIN), false);
            schedules.start();
            Instant end = Instant.now().plusSeconds(10);
            while (schedules.find("late").orElseThrow().previousFire() == null && Instant.now().isBefore(end)) {
                Thread.sleep(100);
            }
            assertNotNull(schedules.find("late").orElseThrow().previousFire(), "the schedule fired within 10 s");
            schedules.shutdown(true);
            assertTrue(launches.isEmpty(), "a late firing launches nothing, but got " + launches);
        }
    }
}
