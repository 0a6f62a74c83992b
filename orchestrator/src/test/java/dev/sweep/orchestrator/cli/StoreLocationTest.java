package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

    private static final Path CWD = Path.of("/home/me/project");

    @Test
    void theDefaultIsRunsSweepUnderTheWorkingDirectory() {
        StoreLocation l = StoreLocation.resolve(null, Map.of(), CWD);
        assertEquals(Path.of("/home/me/project/runs/sweep"), l.file());
        assertNull(l.jdbcUrl());
        assertEquals("jdbc:h2:file:/home/me/project/runs/sweep-schedules;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE",
                l.schedulesUrl());
        assertEquals(Path.of("/home/me/project/runs"), l.runsDir(CWD));
        assertFalse(l.exists());
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Map<String, String> env = Map.of("SWEEP_DB", "/data/results");
        assertEquals(Path.of("/data/results"), StoreLocation.resolve(null, env, CWD).file());
        assertEquals(Path.of("/home/me/project/other"), StoreLocation.resolve("other.mv.db", env, CWD).file());
    }

    @Test
    void aJdbcUrlIsUsedAsItIs() {
        StoreLocation l = StoreLocation.resolve("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", Map.of(), CWD);
        assertNull(l.file());
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", l.jdbcUrl());
        assertEquals("jdbc:h2:mem:x-schedules;DB_CLOSE_DELAY=-1", l.schedulesUrl());
    }

    @Test
    void aBlankValueIsBadInput() {
        assertThrows(UserInputException.class, () -> StoreLocation.resolve(" ", Map.of(), CWD));
    }
}
