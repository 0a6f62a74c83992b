package dev.sweep.worker.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the folder that holds a dataset's files (laid out like {@code shared/datasets}), in this order:
 * <ol>
 * <li>the task's {@code data_dir}, when set: it must hold the files;</li>
 * <li>the {@code SWEEP_DATA_DIR} environment variable, when set: it must hold the files;</li>
 * <li>{@code ../shared/datasets} relative to the working directory or any folder above it (the repository
 * root), when it holds the files;</li>
 * <li>the download cache ({@code $SWEEP_CACHE_DIR/datasets}, else {@code ~/.cache/sweep/datasets}): missing files are
 * downloaded once from their pinned public URLs (or {@code SWEEP_DATASET_MIRROR}) and checked against SHA-256.</li>
 * </ol>
 */
public final class DatasetResolver {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetResolver.class);

    /** Where the folder was found: the task setting, the environment, the shared folder, or the cache. */
    public enum Origin { DATA_DIR, SWEEP_DATA_DIR, SHARED, CACHE }

    /** The folder the dataset's relative paths resolve against, and how it was found. */
    public record Resolution(Path root, Origin origin) {
    }

    /**
     * @param envDataDir SWEEP_DATA_DIR or null
     * @param workingDir where the search for ../shared/datasets starts
     * @param cacheDir   the download cache folder
     * @param mirror     SWEEP_DATASET_MIRROR or null (then each file's pinned source URL)
     * @param timeout    per-file download timeout
     */
    public record Settings(Path envDataDir, Path workingDir, Path cacheDir, URI mirror, Duration timeout) {
        public Settings {
            Objects.requireNonNull(workingDir, "workingDir");
            Objects.requireNonNull(cacheDir, "cacheDir");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** From SWEEP_DATA_DIR, SWEEP_CACHE_DIR and SWEEP_DATASET_MIRROR, with the given working and home folders. */
        public static Settings fromEnvironment(Map<String, String> env, Path workingDir, Path userHome) {
            String dataDir = blankToNull(env.get("SWEEP_DATA_DIR"));
            String cache = blankToNull(env.get("SWEEP_CACHE_DIR"));
            String mirror = blankToNull(env.get("SWEEP_DATASET_MIRROR"));
            return new Settings(dataDir == null ? null : Path.of(dataDir), workingDir,
                    cache == null ? userHome.resolve(".cache/sweep/datasets") : Path.of(cache).resolve("datasets"),
                    mirror == null ? null : URI.create(mirror), Duration.ofMinutes(10));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    private final Settings settings;
    private final DatasetDownloader downloader;

    public DatasetResolver(Settings settings, HttpClient http, DatasetManifest manifest) {
        this(settings, () -> http, manifest);
    }

    /** The client is asked for only when a file must be downloaded (building one costs a TLS set-up). */
    private DatasetResolver(Settings settings, Supplier<HttpClient> http, DatasetManifest manifest) {
        this.settings = settings;
        this.downloader = new DatasetDownloader(http, manifest, settings.mirror(), settings.timeout());
    }

    /** The resolver of this process: its environment, working directory and home, the bundled manifest. */
    public static DatasetResolver fromEnvironment() {
        Settings settings = Settings.fromEnvironment(System.getenv(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")));
        Supplier<HttpClient> http = new Supplier<>() {
            private HttpClient client;

            @Override
            public synchronized HttpClient get() {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                }
                return client;
            }
        };
        return new DatasetResolver(settings, http, DatasetManifest.bundled());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The folder holding every one of {@code files} (paths relative to it).
     *
     * @param dataset  the dataset's name, for messages
     * @param dataDir  the task's data_dir, or null
     * @throws DatasetException when a configured folder lacks files, or a download fails
     */
    public Resolution resolve(String dataset, List<String> files, Path dataDir) throws InterruptedException {
        if (dataDir != null) {
            return require(dataset, files, dataDir, Origin.DATA_DIR, "task.data_dir");
        }
        if (settings.envDataDir() != null) {
            return require(dataset, files, settings.envDataDir(), Origin.SWEEP_DATA_DIR, "SWEEP_DATA_DIR");
        }
        for (Path dir = settings.workingDir().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolveSibling("shared").resolve("datasets");
            if (dir.getParent() != null && missing(shared, files).isEmpty()) {
                LOG.debug("dataset {}: using the shared folder {}", dataset, shared);
                return new Resolution(shared, Origin.SHARED);
            }
        }
        Path cache = settings.cacheDir();
        for (String file : files) {
            downloader.ensure(dataset, cache, file, files);
        }
        return new Resolution(cache, Origin.CACHE);
    }

    private static Resolution require(String dataset, List<String> files, Path dir, Origin origin, String setting) {
        List<String> missing = missing(dir, files);
        if (!missing.isEmpty()) {
            throw new DatasetException("dataset '" + dataset + "': " + setting + " is " + dir.toAbsolutePath()
                    + ", but it lacks " + String.join(", ", missing) + " (expected the layout of shared/datasets: "
                    + String.join(", ", files) + ")");
        }
        return new Resolution(dir, origin);
    }

    private static List<String> missing(Path dir, List<String> files) {
        return files.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
    }
}
