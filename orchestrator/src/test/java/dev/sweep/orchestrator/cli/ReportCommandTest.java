package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sweep.dashboards.browser.HeadlessChromium;
import dev.sweep.results.store.ResultsStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep report} writes the one-file report and, with {@code --svg}, each chart as its own SVG file, with
 * {@code --png} also as a PNG rendered by headless Chromium.
 */
class ReportCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Pattern SVG_SIZE = Pattern.compile("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"");

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
        List<Path> svgs = files(dir.resolve("out").resolve("charts"), ".svg");
        assertFalse(svgs.isEmpty(), r.out());
        for (Path svg : svgs) {
            assertTrue(Files.readString(svg).contains("<svg"), svg + " is an SVG document");
        }
        assertTrue(r.out().contains("chart files to"), r.out());
    }

    @Test
    void withPngEveryChartIsAlsoAValidPng(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(HeadlessChromium.DEFAULT_BINARY),
                "needs headless Chromium at " + HeadlessChromium.DEFAULT_BINARY + " (apt-get install chromium)");
        CliHarness cli = new CliHarness(dir);
        try (ResultsStore store = cli.openStore()) {
            StoreFixtures.anSst2Sweep(store, "sst2");
        }
        CliHarness.Result r = cli.run("report", "sst2", "--png");
        assertEquals(ExitCode.OK, r.exit(), r.toString());
        Path report = dir.resolve("runs").resolve("sst2").resolve("report.html");
        Path charts = report.resolveSibling("charts");
        assertTrue(Files.readString(report).contains("sst2"), "the report is written too");
        List<Path> svgs = files(charts, ".svg");
        List<Path> pngs = files(charts, ".png");
        assertTrue(svgs.size() >= 3, "heat map, comparisons, history, parallel, importance: " + svgs);
        assertEquals(svgs.stream().map(p -> p.getFileName().toString().replaceFirst("\\.svg$", ".png")).toList(),
                pngs.stream().map(p -> p.getFileName().toString()).toList(), "one PNG beside each SVG");
        assertTrue(pngs.stream().allMatch(p -> p.getFileName().toString().matches("sst2-[a-z][A-Za-z0-9._-]*\\.png")),
                "named <sweep>-<chart>.png: " + pngs);
        assertTrue(pngs.stream().anyMatch(p -> p.getFileName().toString().equals("sst2-history.png")), pngs.toString());
        assertEquals("wrote the report of sst2 (8 trials, ", r.out().lines().findFirst().orElseThrow()
                .replaceFirst("\\d+ KiB.*", ""), r.out());
        assertTrue(r.out().contains("wrote " + (svgs.size() + pngs.size()) + " chart files to " + charts), r.out());

        for (Path png : pngs) {
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), png + " starts with the PNG signature");
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image != null, png + " decodes as an image");
            Path svg = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", ".svg"));
            Matcher size = SVG_SIZE.matcher(Files.readString(svg));
            assertTrue(size.find(), svg + " has a width and height");
            double width = Double.parseDouble(size.group(1));
            double height = Double.parseDouble(size.group(2));
            // rendered at twice the chart's size (one pixel of rounding either way)
            assertEquals(2 * width, image.getWidth(), 2, png + " is " + image.getWidth() + "x" + image.getHeight());
            assertEquals(2 * height, image.getHeight(), 2, png + " is " + image.getWidth() + "x" + image.getHeight());
            assertTrue(colours(image) > 2, png + " shows a chart, not a blank page");
        }
    }

    @Test
    void pngWithoutChromiumIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        CliHarness cli = new CliHarness(dir);
        try (ResultsStore store = cli.openStore()) {
            StoreFixtures.anSst2Sweep(store, "sst2");
        }
        Path missing = dir.resolve("no-such-chromium");
        CliHarness.Result r = cli.run("report", "sst2", "--png", "--chromium", missing.toString());
        assertEquals(ExitCode.BAD_INPUT, r.exit(), r.toString());
        assertEquals("error: --png renders the charts with headless Chromium: --chromium must be an executable file, "
                + "but got " + missing + " (Debian: apt-get install chromium; or pass --chromium FILE, or use --svg)\n",
                r.err());
        assertFalse(Files.exists(dir.resolve("runs").resolve("sst2")), "nothing was written");
    }

    private static List<Path> files(Path dir, String suffix) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
