package dev.sweep.orchestrator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed sweep files under sweepfiles/bad/: each starts with one {@code # expect: LINE:COL:
 * key.path: message} line per error it must produce, in order. The parser must report exactly those errors.
 */
class BadSweepFilesTest {
    /** Stateless and costly to build (a JEXL engine), so one serves every test. */
    private static final SweepFileParser PARSER = new SweepFileParser();
    private static final String EXPECT = "# expect: ";

    static Stream<Path> badFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(BadSweepFilesTest.class.getResource("/sweepfiles/bad").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusIsLargeAndEveryFileSaysWhatItExpects() throws Exception {
        List<Path> files = badFiles().toList();
        assertTrue(files.size() >= 25, "only " + files.size() + " bad files");
        for (Path f : files) {
            assertTrue(Files.readString(f).startsWith(EXPECT), f + " does not start with " + EXPECT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsExactlyTheExpectedErrors(Path file) throws IOException {
        List<String> expected = Files.readAllLines(file).stream().filter(l -> l.startsWith(EXPECT))
                .map(l -> file + ":" + l.substring(EXPECT.length())).toList();
        SweepFileException e = assertThrows(SweepFileException.class, () -> PARSER.parse(file));
        List<String> actual = e.errors().stream().map(SweepFileError::format).toList();
        assertEquals(expected, actual);
        for (String line : expected) {
            assertTrue(e.getMessage().contains(line), "the exception message lists " + line);
        }
    }

    @Test
    void errorsComeSortedByLineThenColumnAndTheMessageCountsThem() throws IOException, URISyntaxException {
        Path file = badFiles().filter(f -> f.getFileName().toString().equals("resources-bad.yaml")).findFirst().orElseThrow();
        SweepFileException e = assertThrows(SweepFileException.class, () -> PARSER.parse(file));
        List<SweepFileError> errors = e.errors();
        assertTrue(errors.size() > 1);
        for (int i = 1; i < errors.size(); i++) {
            SweepFileError a = errors.get(i - 1);
            SweepFileError b = errors.get(i);
            assertTrue(a.line() < b.line() || a.line() == b.line() && a.column() <= b.column(), a + " before " + b);
        }
        assertTrue(e.getMessage().startsWith(errors.size() + " errors in " + file + ":\n"), e.getMessage());
    }

    @Test
    void aFileThatCannotBeReadIsASweepFileExceptionNamingIt() {
        Path missing = Path.of("sweeps/does-not-exist.yaml");
        SweepFileException e = assertThrows(SweepFileException.class, () -> PARSER.parse(missing));
        assertTrue(e.getMessage().startsWith("sweeps/does-not-exist.yaml:1:1: cannot read the sweep file"), e.getMessage());
        assertFalse(e.getMessage().contains("errors in"));
    }
}
