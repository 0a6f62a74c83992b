package dev.sweep.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which registered workers a new orchestrator kills, with real processes: only one whose pid still has the start
 * instant that was registered, that is not its own descendant, and whose orchestrator is gone. Entries of
 * processes that are gone (or whose pid now belongs to another process) are deleted; those of a live orchestrator
 * are kept.
 */
class WorkerRegistryTest {

    @TempDir
    Path dir;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatWasStarted() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void anOrphanWhoseOrchestratorIsGoneIsKilledAndForgotten() throws Exception {
        ProcessHandle orphan = orphan();
        write("w0", orphan.pid(), startOf(orphan), 999_999, Instant.EPOCH);
        List<Long> killed = registry().killLeftovers();
        assertEquals(List.of(orphan.pid()), killed);
        orphan.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(orphan.isAlive());
        assertEquals(List.of(), entries());
    }

    @Test
    void aPidNowHeldByAnotherProcessIsNeverKilled() throws Exception {
        ProcessHandle other = orphan();
        write("w0", other.pid(), startOf(other).minusSeconds(3600), 999_999, Instant.EPOCH);
        assertEquals(List.of(), registry().killLeftovers());
        assertTrue(other.isAlive(), "a reused pid must not be killed");
        assertEquals(List.of(), entries(), "the stale entry is deleted");
    }

    @Test
    void aDescendantOfThisOrchestratorIsNeverKilled() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        started.add(child.toHandle());
        write("w0", child.pid(), startOf(child.toHandle()), 999_999, Instant.EPOCH);
        assertEquals(List.of(), registry().killLeftovers());
        assertTrue(child.isAlive(), "our own child must not be killed");
    }

    @Test
    void theWorkersOfAnOrchestratorStillRunningAreLeftAloneAndKeptRegistered() throws Exception {
        ProcessHandle orphan = orphan();
        ProcessHandle liveOrchestrator = orphan();
        write("w0", orphan.pid(), startOf(orphan), liveOrchestrator.pid(), startOf(liveOrchestrator));
        assertEquals(List.of(), registry().killLeftovers());
        assertTrue(orphan.isAlive(), "a live orchestrator's worker must not be killed");
        assertEquals(1, entries().size());
    }

    @Test
    void addWritesAnEntryThatRemoveDeletesAndABrokenEntryIsDropped() throws Exception {
        WorkerRegistry registry = registry();
        Process child = new ProcessBuilder("sleep", "60").start();
        started.add(child.toHandle());
        registry.add("w3", child.toHandle());
        assertEquals(List.of("w3-" + child.pid() + ".pid"), entries());
        String text = Files.readString(dir.resolve("w3-" + child.pid() + ".pid"));
        assertTrue(text.contains("pid=" + child.pid() + "\n") && text.contains("started=" + startOf(child.toHandle()))
                && text.contains("orchestrator_pid=" + ProcessHandle.current().pid() + "\n"), text);
        registry.remove("w3", child.toHandle());
        assertEquals(List.of(), entries());

        Files.writeString(dir.resolve("w1-123.pid"), "pid=123\n", StandardCharsets.UTF_8);
        assertEquals(List.of(), registry.killLeftovers());
        assertEquals(List.of(), entries());
    }

    private WorkerRegistry registry() {
        return new WorkerRegistry(dir, new ProcessGroups());
    }

    /** A {@code sleep} whose parent (a shell) has exited: not a descendant of this JVM, as a dead orchestrator's. */
    private ProcessHandle orphan() throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!").start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(sh.waitFor(10, TimeUnit.SECONDS), "the shell exits");
        ProcessHandle p = ProcessHandle.of(Long.parseLong(out)).orElseThrow();
        started.add(p);
        assertFalse(ProcessHandle.current().descendants().anyMatch(d -> d.pid() == p.pid()), "an orphan");
        return p;
    }

    private static Instant startOf(ProcessHandle p) {
        return p.info().startInstant().orElseThrow(() -> new AssertionError("no start instant for " + p.pid()));
    }

    private void write(String workerId, long pid, Instant startedAt, long orchestratorPid, Instant orchestratorAt)
            throws IOException {
        Files.writeString(dir.resolve(workerId + "-" + pid + ".pid"), "worker=" + workerId + "\npid=" + pid
                + "\nstarted=" + startedAt + "\norchestrator_pid=" + orchestratorPid + "\norchestrator_started="
                + orchestratorAt + "\n", StandardCharsets.UTF_8);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
