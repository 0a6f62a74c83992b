package dev.sweep.dashboards.report;

import dev.sweep.dashboards.page.PageRenderer;
import dev.sweep.dashboards.view.SweepAnalyzer;
import dev.sweep.dashboards.view.SweepView;
import dev.sweep.dashboards.view.SweepViews;
import dev.sweep.results.store.ResultsStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a sweep's report: one self-contained HTML file that works offline (inline CSS, script, SVG charts and
 * JSON data; nothing is fetched). Only reads the store.
 */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    private final Clock clock;
    private final SweepViews views;
    private final PageRenderer renderer = new PageRenderer();

    public ReportWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.views = new SweepViews(clock, new SweepAnalyzer());
    }

    /** What was written: the file, its size, how many trials it covers and how long it took. */
    public record Written(Path file, long bytes, int trials, Duration took) {
    }

    /** Writes the report of sweep {@code sweepId} to {@code out} (its folder is created when missing). */
    public Written write(ResultsStore store, long sweepId, Path out) throws IOException {
        long t0 = System.nanoTime();
        SweepView view = views.report(store, sweepId);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                1 << 16)) {
            renderer.write(view, null, w);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        long bytes = Files.size(out);
        LOG.info("report of sweep {} ({} trials) written to {}: {} KiB in {} ms", view.sweep().name(),
                view.trials().size(), out, bytes / 1024, took.toMillis());
        return new Written(out, bytes, view.trials().size(), took);
    }

    /**
     * Writes the report's charts beside it as stand-alone SVG files named {@code <prefix>-<chart>.svg} and, when
     * {@code png} and headless Chromium is installed at {@code chromium}, as PNG files too.
     * @return the files written
     */
    public java.util.List<Path> writeCharts(ResultsStore store, long sweepId, Path dir, String prefix, boolean png,
                                            Path chromium) throws IOException, InterruptedException {
        ChartExport export = new ChartExport();
        java.util.List<Path> svgs = export.svg(views.report(store, sweepId), dir, prefix);
        java.util.List<Path> all = new java.util.ArrayList<>(svgs);
        if (png) {
            if (!dev.sweep.dashboards.browser.HeadlessChromium.available(chromium)) {
                throw new IllegalStateException("PNG export needs headless Chromium at " + chromium
                        + " (Debian: apt-get install chromium), but it is not installed; the SVG files are written");
            }
            all.addAll(export.png(svgs, chromium));
        }
        return all;
    }

    /** The view the report draws (for exporters and tests). */
    public SweepView view(ResultsStore store, long sweepId) {
        return views.report(store, sweepId);
    }

    Clock clock() {
        return clock;
    }
}
