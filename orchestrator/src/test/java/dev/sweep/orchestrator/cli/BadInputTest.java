package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages for bad input; nothing reaches the database. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void aBadSweepFileListsItsProblemsWithPositionsAndStoresNothing() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path file = cli.write("bad.yaml", """
                name: bad
                method: grid
                metric: {name: value, goal: minimize}
                task: {type: synthetic, function: branin}
                parameters:
                  x1: {distribution: uniform, min: 10.0, max: -5.0, count: 3}
                  x2: {values: [1, 2]}
                """);
        CliHarness.Result r = cli.run("run", file.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(file + ":6:"), r.err());
        assertTrue(r.err().contains("nothing was run or stored"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(cli.databaseExists(), "the database must not even be created");
    }

    @Test
    void aMissingFileIsBadInputToo() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result r = cli.run("run", "no-such.yaml");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("no-such.yaml"), r.err());
        assertFalse(cli.databaseExists());
    }

    @Test
    void badArgumentsNameTheProblemAndTheHelp() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result unknown = cli.run("statsu");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("Did you mean: sweep status"), unknown.err());

        CliHarness.Result missing = cli.run("top");
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("Missing required parameter: 'SWEEP'"), missing.err());
        assertTrue(missing.err().contains("Try 'sweep top --help'"), missing.err());

        CliHarness.Result notANumber = cli.run("run", "x.yaml", "--workers", "two");
        assertEquals(2, notANumber.exit(), notANumber.toString());
        assertTrue(notANumber.err().contains("--workers"), notANumber.err());

        CliHarness.Result noCommand = cli.run();
        assertEquals(2, noCommand.exit(), noCommand.toString());
        assertTrue(noCommand.err().contains("a command is needed"), noCommand.err());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result root = cli.run("--help");
        assertEquals(0, root.exit());
        for (String command : new String[]{"run", "resume", "status", "top", "compare", "compare-sweeps",
                "importance", "trials", "curves", "export", "sql", "cancel", "schedule", "scheduler", "report",
                "dashboard"}) {
            assertTrue(root.out().contains("  " + command + " "), command + " missing in\n" + root.out());
            CliHarness.Result help = cli.run(command, "--help");
            assertEquals(0, help.exit(), command + ": " + help);
            assertTrue(help.out().contains("Examples:"), command + ": " + help.out());
        }
        assertFalse(cli.databaseExists(), "help opens no database");
    }
}
