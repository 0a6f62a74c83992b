package dev.sweep.orchestrator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example under the project's sweeps/ folder parses and validates as it is. */
class ExampleSweepFilesTest {
    /** Stateless and costly to build (a JEXL engine), so one serves every test. */
    private static final SweepFileParser PARSER = new SweepFileParser();

    /** The project root: the first folder, walking up from the working directory, that holds sweeps/. */
    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sweeps")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no sweeps/ folder above " + Path.of("").toAbsolutePath());
    }

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(projectRoot().resolve("sweeps"))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList().stream();
        }
    }

    @Test
    void theExamplesAreAllThere() throws IOException {
        List<String> names = exampleFiles().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("quickstart.yaml", "synthetic-grid.yaml", "synthetic-bayes.yaml",
                "command-example.yaml", "sst2-raster.yaml", "optimizer-comparison.yaml", "finetune-strategies.yaml",
                "mrpc.yaml", "sst2-tiny.yaml", "conditional-example.yaml")), names.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void parses(Path file) {
        SweepSpec spec = PARSER.parse(file);
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        assertEquals(stem, spec.name(), "an example's name matches its file name");
        assertFalse(spec.space().parameters().isEmpty() && spec.space().zips().isEmpty());
        assertEquals(64, spec.hash().length());
    }

    /** Workers run commands in the sweep file's folder, so a script path is relative to it. */
    @Test
    void commandExamplesRunAScriptThatExists() throws IOException {
        for (Path file : exampleFiles().toList()) {
            SweepSpec spec = PARSER.parse(file);
            if (spec.taskType().equals("command")) {
                @SuppressWarnings("unchecked")
                List<String> command = (List<String>) spec.task().get("command");
                Path folder = file.toAbsolutePath().getParent();
                assertTrue(command.stream().anyMatch(w -> Files.isRegularFile(folder.resolve(w))),
                        file + " runs " + command + ", which names no file beside the sweep file");
            }
        }
    }
}
