package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.ResultsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep report} writes the one-file report and, with {@code --svg}, each chart as its own SVG file. */
class ReportCommandTest {

    @Test
    void writesTheReportAndTheChartsAsSvg(@TempDir Path dir) throws Exception {
        CliHarness cli = new CliHarness(dir);
        try (ResultsStore store = cli.openStore()) {
            StoreFixtures.anSst2Sweep(store, "sst2");
        }
        Path html = dir.resolve("out").resolve("sst2.html");
        CliHarness.Result r = cli.run("report", "sst2", "-o", html.toString(), "--svg");
        assertEquals(0, r.exit(), r.toString());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 40));
        assertTrue(page.contains("sst2"), "the report names its sweep");
        assertFalse(page.contains("src=\"http"), "a self-contained report loads nothing from the network");
        List<Path> svgs;
        try (Stream<Path> files = Files.list(dir.resolve("out").resolve("charts"))) {
            svgs = files.filter(p -> p.getFileName().toString().endsWith(".svg")).toList();
        }
        assertFalse(svgs.isEmpty(), r.out());
        for (Path svg : svgs) {
            assertTrue(Files.readString(svg).contains("<svg"), svg + " is an SVG document");
        }
        assertTrue(r.out().contains("chart files to"), r.out());
    }
}
