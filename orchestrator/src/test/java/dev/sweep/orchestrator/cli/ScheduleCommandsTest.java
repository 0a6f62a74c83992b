package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.SweepState;
import dev.sweep.search.study.TrialState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule commands and the scheduler daemon: real Quartz on real H2, real worker processes. */
class ScheduleCommandsTest {

    @TempDir
    Path dir;

    @Test
    void schedulesAreAddedListedRefusedWhenBadAndRemoved() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path file = cli.write("branin.yaml", RunCommandTest.grid("branin", 1, 0, 1, "[3.14]"));

        CliHarness.Result added = cli.run("schedule", file.toString(), "--cron", "0 0 22 * * ?",
                "--stop-launching-at", "07:00", "--time-zone", "Europe/Berlin");
        assertEquals(0, added.exit(), added.toString());
        assertTrue(added.out().contains("scheduled branin: cron \"0 0 22 * * ?\" (Europe/Berlin), next "), added.out());
        assertTrue(added.out().contains("22:00:00, no new trials after 07:00"), added.out());

        CliHarness.Result list = cli.run("schedule", "list");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("branin\\s+0 0 22 \\* \\* \\?\\s+Europe/Berlin\\s+07:00\\s.*")),
                list.out());

        CliHarness.Result twice = cli.run("schedule", file.toString(), "--cron", "0 0 23 * * ?");
        assertEquals(2, twice.exit(), twice.toString());
        assertTrue(twice.err().contains("--replace"), twice.err());

        CliHarness.Result badCron = cli.run("schedule", file.toString(), "--cron", "0 0 25 * * ?", "--replace");
        assertEquals(2, badCron.exit(), badCron.toString());
        assertTrue(badCron.err().contains("\"0 0 25 * * ?\""), badCron.err());

        Path bad = cli.write("bad.yaml", "name: bad\nmethod: nope\n");
        CliHarness.Result badFile = cli.run("schedule", bad.toString(), "--cron", "0 0 22 * * ?");
        assertEquals(2, badFile.exit(), badFile.toString());
        assertTrue(badFile.err().contains(bad + ":2:"), badFile.err());

        CliHarness.Result noCron = cli.run("schedule", file.toString());
        assertEquals(2, noCron.exit(), noCron.toString());
        assertTrue(noCron.err().contains("--cron is needed"), noCron.err());

        CliHarness.Result removed = cli.run("schedule", "remove", "branin");
        assertEquals(0, removed.exit(), removed.toString());
        CliHarness.Result again = cli.run("schedule", "remove", "branin");
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("no schedule named 'branin'"), again.err());
        assertTrue(cli.run("schedule", "list").out().startsWith("no schedules"));
        assertFalse(cli.databaseExists(), "scheduling touches only the schedules database");
    }

    @Test
    void theDaemonFiresADueScheduleAndRunsItsSweepUntilCtrlC() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path file = cli.write("branin.yaml", RunCommandTest.grid("branin", 2, 0, 2, "[-3.14, 3.14]"));
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        String cron = at.getSecond() + " " + at.getMinute() + " " + at.getHour() + " * * ?";
        CliHarness.Result added = cli.run("schedule", file.toString(), "--cron", cron, "--time-zone", "UTC",
                "--stop-launching-at", at.plusHours(1).toLocalTime().withNano(0).toString());
        assertEquals(0, added.exit(), added.toString());

        CliHarness.Capture capture = new CliHarness.Capture();
        CompletableFuture<Integer> daemon = CompletableFuture.supplyAsync(() -> cli.execute(capture, "scheduler"));
        RunCommandTest.await(() -> capture.err().contains("schedule branin done"), Duration.ofSeconds(60), capture);
        assertTrue(capture.out().contains("scheduler running with 1 schedule"), capture.out());
        assertTrue(capture.err().contains("schedule branin launching " + file), capture.err());

        cli.presses.press();
        assertEquals(0, daemon.get(30, TimeUnit.SECONDS), capture.out() + capture.err());
        assertTrue(capture.out().contains("scheduler stopped"), capture.out());
        try (ResultsStore store = cli.openStore()) {
            Optional<SweepRecord> sweep = store.findSweep("branin");
            assertTrue(sweep.isPresent(), "the scheduled sweep ran");
            assertEquals(SweepState.FINISHED, sweep.get().state());
            assertEquals(4, store.countByState(sweep.get().id()).get(TrialState.COMPLETE));
        }
    }
}
