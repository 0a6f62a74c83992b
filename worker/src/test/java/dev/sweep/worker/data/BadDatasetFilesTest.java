package dev.sweep.worker.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file of the broken-dataset corpus (test resources data/bad/) fails with its expected message. */
class BadDatasetFilesTest {

    static Path corpus() {
        try {
            return Path.of(BadDatasetFilesTest.class.getClassLoader().getResource("data/bad/cases.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = Files.newInputStream(corpus().resolve("cases.json"))) {
            JsonNode cases = new ObjectMapper().readTree(in);
            return Stream.iterate(0, i -> i < cases.size(), i -> i + 1).map(cases::get)
                    .map(c -> Arguments.of(c.get("file").asText(), c.get("dataset"), c.get("message").asText()));
        }
    }

    private static Datasets datasets(Path tmp) {
        return new Datasets(new DatasetResolver(new DatasetResolver.Settings(null, tmp, tmp.resolve("cache"), null,
                Duration.ofSeconds(1)), HttpClient.newHttpClient(), DatasetManifest.bundled()));
    }

    private static DatasetRequest request(String file, JsonNode mapping, boolean skip) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = new LinkedHashMap<>(new ObjectMapper().convertValue(mapping, Map.class));
        map.put("path", file);
        return new DatasetRequest(DatasetSource.Files.fromMap(map), corpus(), 42, 1.0, null, null, skip);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void brokenFileFailsWithItsMessage(String file, JsonNode mapping, String message) {
        DatasetException e = assertThrows(DatasetException.class,
                () -> datasets(corpus()).load(request(file, mapping, false)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void everyCaseHasItsFileAndEveryFileHasACase() throws IOException {
        List<String> named = cases().map(a -> (String) a.get()[0]).sorted().toList();
        assertEquals(named.size(), new HashSet<>(named).size(), "a file is listed twice in cases.json");
        named.forEach(f -> assertTrue(Files.isRegularFile(corpus().resolve(f)), f + " is missing"));
        // the source folder, when the tests run from the module (target/ may hold files deleted since)
        Path source = Path.of("src/test/resources/data/bad");
        Assumptions.assumeTrue(Files.isDirectory(source), "not run from the worker module");
        try (Stream<Path> list = Files.list(source)) {
            assertEquals(named, list.map(p -> p.getFileName().toString())
                    .filter(n -> !n.matches("cases\\.json|README\\.md")).sorted().toList());
        }
    }

    @Test
    void skippingBadRowsKeepsTheGoodOnesAndSaysSoInTheId() throws Exception {
        JsonNode tsv = new ObjectMapper().readTree("{\"format\": \"tsv\", \"text\": \"sentence\", \"label\": \"label\"}");
        DatasetException e = assertThrows(DatasetException.class,
                () -> datasets(corpus()).load(request("wrong_columns.tsv", tsv, false)));
        assertEquals(2, e.badRows().size());
        assertEquals(new BadRow("wrong_columns.tsv", 3, "expected 2 TAB-separated columns, but found 3"),
                e.badRows().get(0));
        DatasetSplits splits = datasets(corpus()).load(request("wrong_columns.tsv", tsv, true));
        assertEquals(2, splits.train().size() + splits.validation().size());
        assertTrue(splits.id().endsWith(";skipped_bad_rows=2"), splits.id());
    }
}
