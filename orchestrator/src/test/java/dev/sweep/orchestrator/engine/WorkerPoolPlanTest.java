package dev.sweep.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.orchestrator.config.Resources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** Slots, their devices and environment, and the worker command line, without starting anything. */
class WorkerPoolPlanTest {

    @Test
    void gpuSlotsGetOneDeviceEachAndAShareOfTheCores() {
        List<WorkerSlot> slots = WorkerPool.plan(new Resources(List.of(0, 3), 1, 2), 16, Map.of());
        assertEquals(List.of("w0", "w1", "w2", "w3"), slots.stream().map(s -> s.workerId).toList());
        assertEquals(List.of("cuda:0", "cuda:0", "cuda:3", "cuda:3"), slots.stream().map(s -> s.device).toList());
        assertEquals(List.of("0", "0", "3", "3"), slots.stream().map(s -> s.env.get("CUDA_VISIBLE_DEVICES")).toList());
        assertTrue(slots.stream().allMatch(s -> s.env.get("OMP_NUM_THREADS").equals("4")));
    }

    @Test
    void cpuWorkersSplitTheCoresAndHideNothing() {
        List<WorkerSlot> slots = WorkerPool.plan(new Resources(List.of(), 3, 1), 8, Map.of("MKL_NUM_THREADS", "1"));
        assertEquals(3, slots.size());
        assertTrue(slots.stream().allMatch(s -> s.device.equals("cpu") && !s.env.containsKey("CUDA_VISIBLE_DEVICES")));
        assertEquals("2", slots.get(0).env.get("OMP_NUM_THREADS"));
        assertEquals("1", slots.get(0).env.get("MKL_NUM_THREADS"), "the user's environment wins");
        assertEquals("1", WorkerPool.plan(new Resources(List.of(), 4, 1), 2, Map.of()).get(0).env.get("OMP_NUM_THREADS"),
                "at least one thread each");
    }

    @Test
    void theWorkerCommandCarriesJvmArgsClasspathAndSettings() {
        RunOptions options = RunOptions.builder(Path.of("runs")).classpath("/a.jar:/b.jar").javaCommand("/opt/java")
                .jvmArgs(List.of("-Xmx1g")).heartbeatInterval(Duration.ofSeconds(5)).build();
        WorkerPool pool = new WorkerPool(new Resources(List.of(), 1, 1, List.of("-Dfrom.spec=1")), options,
                Path.of("/tmp/runs/s"), Path.of("/tmp"), new LinkedBlockingQueue<>(), Clock.systemUTC());
        List<String> cmd = pool.command(pool.slot(0));
        int java = cmd.indexOf("/opt/java");
        assertTrue(java >= 0 && java <= 1, "java, after setsid when there is one: " + cmd);
        assertEquals(List.of("/opt/java", "-Dfrom.spec=1", "-Xmx1g", "-cp", "/a.jar:/b.jar", WorkerPool.MAIN_CLASS,
                "--id=w0", "--trials-dir=/tmp/runs/s/trials", "--heartbeat-ms=5000"), cmd.subList(java, cmd.size()));
    }

    @Test
    void theDefaultClasspathIsThisJvmsMadeAbsolute() {
        String cp = WorkerPool.absoluteClasspath();
        assertFalse(cp.isBlank());
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            assertTrue(Path.of(entry).isAbsolute(), entry);
        }
    }

    @Test
    void optionsAreValidatedWithTheRuleAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunOptions.builder(Path.of("r"))
                .lease(Duration.ofSeconds(10)).heartbeatInterval(Duration.ofSeconds(6)).build());
        assertTrue(e.getMessage().contains("heartbeat interval <= lease / 2") && e.getMessage().contains("PT6S"),
                e.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> RunOptions.builder(Path.of("r"))
                .lease(Duration.ZERO).build());
        assertTrue(zero.getMessage().contains("lease > 0"), zero.getMessage());
    }
}
