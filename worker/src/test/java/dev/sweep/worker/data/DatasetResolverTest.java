package dev.sweep.worker.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolution order, and the download cache against a local HTTP server (never the internet). */
class DatasetResolverTest {
    private static final List<String> FILES = List.of("toy/train.tsv", "toy/dev.tsv");

    @TempDir
    Path tmp;
    private Path served;
    private DatasetManifest manifest;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void writeServedFiles() throws IOException {
        served = Files.createDirectories(tmp.resolve("served"));
        Files.createDirectories(served.resolve("toy"));
        Files.writeString(served.resolve("toy/train.tsv"), "sentence\tlabel\ngood\t1\nbad\t0\n");
        Files.writeString(served.resolve("toy/dev.tsv"), "sentence\tlabel\nfine\t1\n");
        manifest = new DatasetManifest(Map.of(
                "toy/train.tsv", entry("toy/train.tsv"), "toy/dev.tsv", entry("toy/dev.tsv")));
    }

    private DatasetManifest.Entry entry(String path) {
        return new DatasetManifest.Entry(path, Checksums.sha256(served.resolve(path)),
                "https://example.invalid/" + path);
    }

    private DatasetResolver resolver(Path envDataDir, Path workingDir, URI mirror) {
        return new DatasetResolver(new DatasetResolver.Settings(envDataDir, workingDir, tmp.resolve("cache"), mirror,
                Duration.ofSeconds(20)), http, manifest);
    }

    @Test
    void explicitDataDirWinsThenEnvironmentThenSharedThenCache() throws Exception {
        Path explicit = copyOfServed("explicit");
        Path env = copyOfServed("env");
        Path repo = Files.createDirectories(tmp.resolve("work/repo/worker"));
        Path shared = Files.createDirectories(tmp.resolve("work/shared"));
        copyTree(served, Files.createDirectories(shared.resolve("datasets")));
        try (LocalMirror mirror = new LocalMirror(served)) {
            assertEquals(new DatasetResolver.Resolution(explicit, DatasetResolver.Origin.DATA_DIR),
                    resolver(env, repo, mirror.uri()).resolve("toy", FILES, explicit));
            assertEquals(new DatasetResolver.Resolution(env, DatasetResolver.Origin.SWEEP_DATA_DIR),
                    resolver(env, repo, mirror.uri()).resolve("toy", FILES, null));
            // ../shared/datasets from the repository root, found from a folder below it
            assertEquals(new DatasetResolver.Resolution(shared.resolve("datasets"), DatasetResolver.Origin.SHARED),
                    resolver(null, repo, mirror.uri()).resolve("toy", FILES, null));
            assertEquals(DatasetResolver.Origin.CACHE,
                    resolver(null, tmp.resolve("elsewhere"), mirror.uri()).resolve("toy", FILES, null).origin());
            assertEquals(List.of("toy/train.tsv", "toy/dev.tsv"), mirror.requests());
        }
    }

    @Test
    void aConfiguredFolderWithoutTheFilesIsAnErrorNotAFallThrough() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> resolver(null, tmp, null).resolve("toy", FILES, empty));
        assertEquals("dataset 'toy': task.data_dir is " + empty + ", but it lacks toy/train.tsv, toy/dev.tsv "
                + "(expected the layout of shared/datasets: toy/train.tsv, toy/dev.tsv)", e.getMessage());
        DatasetException env = assertThrows(DatasetException.class,
                () -> resolver(empty, tmp, null).resolve("toy", FILES, null));
        assertTrue(env.getMessage().startsWith("dataset 'toy': SWEEP_DATA_DIR is " + empty), env.getMessage());
    }

    @Test
    void downloadsOnceIntoTheCacheAndVerifiesTheChecksum() throws Exception {
        try (LocalMirror mirror = new LocalMirror(served)) {
            DatasetResolver.Resolution first = resolver(null, tmp, mirror.uri()).resolve("toy", FILES, null);
            assertEquals(tmp.resolve("cache"), first.root());
            assertEquals(Files.readString(served.resolve("toy/train.tsv")),
                    Files.readString(first.root().resolve("toy/train.tsv")));
            // a second resolve, even by a new resolver (a new worker process), makes no request
            resolver(null, tmp, mirror.uri()).resolve("toy", FILES, null);
            assertEquals(List.of("toy/train.tsv", "toy/dev.tsv"), mirror.requests());
            assertEquals(List.of(), leftovers(first.root().resolve("toy")));
        }
    }

    @Test
    void aCorruptedDownloadIsAnErrorAndNothingIsCached() throws Exception {
        try (LocalMirror mirror = new LocalMirror(served)) {
            mirror.corrupt(true);
            DatasetException e = assertThrows(DatasetException.class,
                    () -> resolver(null, tmp, mirror.uri()).resolve("toy", FILES, null));
            assertTrue(e.getMessage().startsWith("dataset 'toy': checksum mismatch for toy/train.tsv from "
                    + mirror.uri() + "toy/train.tsv: expected sha256 " + manifest.entry("toy/train.tsv").get()
                    .sha256() + ", but got "), e.getMessage());
            assertTrue(e.getMessage().endsWith("the download was deleted and nothing was cached (a corrupted or "
                    + "changed file: check the source or mirror)"), e.getMessage());
            assertEquals(List.of(), leftovers(tmp.resolve("cache/toy")));
            mirror.corrupt(false);
            resolver(null, tmp, mirror.uri()).resolve("toy", FILES, null);
            assertTrue(Files.isRegularFile(tmp.resolve("cache/toy/train.tsv")));
        }
    }

    @Test
    void anUnreachableServerNamesTheDatasetTheUrlAndHowToProvideTheData() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + port + "/");
        DatasetException e = assertThrows(DatasetException.class,
                () -> resolver(null, tmp, down).resolve("toy", FILES, null));
        assertTrue(e.getMessage().startsWith("dataset 'toy': could not download " + down + "toy/train.tsv (Connect"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Provide the data yourself: set task.data_dir (or the SWEEP_DATA_DIR "
                + "environment variable) to a folder laid out like shared/datasets that holds toy/train.tsv, "
                + "toy/dev.tsv, or set SWEEP_DATASET_MIRROR to a reachable mirror of that layout."), e.getMessage());
        assertEquals(List.of(), leftovers(tmp.resolve("cache/toy")));
    }

    @Test
    void aMissingFileOnTheServerIsAnHttpError() throws Exception {
        Files.delete(served.resolve("toy/dev.tsv"));
        try (LocalMirror mirror = new LocalMirror(served)) {
            DatasetException e = assertThrows(DatasetException.class,
                    () -> resolver(null, tmp, mirror.uri()).resolve("toy", FILES, null));
            assertTrue(e.getMessage().startsWith("dataset 'toy': could not download " + mirror.uri()
                    + "toy/dev.tsv (HTTP 404). Provide the data yourself"), e.getMessage());
        }
    }

    @Test
    void twoWorkersResolvingAtOnceDownloadEachFileOnce() throws Exception {
        try (LocalMirror mirror = new LocalMirror(served)) {
            mirror.delay(200);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<DatasetResolver.Resolution>> results = Stream.of(1, 2)
                        .map(i -> pool.submit(() -> resolver(null, tmp, mirror.uri()).resolve("toy", FILES, null)))
                        .toList();
                for (Future<DatasetResolver.Resolution> r : results) {
                    assertEquals(DatasetResolver.Origin.CACHE, r.get().origin());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, mirror.requestsFor("toy/train.tsv"));
            assertEquals(1, mirror.requestsFor("toy/dev.tsv"));
            assertEquals("sentence\tlabel\nfine\t1\n", Files.readString(tmp.resolve("cache/toy/dev.tsv"),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void theBundledManifestMatchesTheSharedCopyAndDerivesMrpcTrain() throws Exception {
        Path shared = Path.of("").toAbsolutePath();
        while (shared != null && !Files.isDirectory(shared.resolveSibling("shared").resolve("datasets"))) {
            shared = shared.getParent();
        }
        Assumptions.assumeTrue(shared != null, "shared/datasets is absent");
        Path datasets = shared.resolveSibling("shared").resolve("datasets");
        DatasetManifest bundled = DatasetManifest.bundled();
        for (DatasetManifest.Entry e : bundled.entries().values()) {
            assertEquals(e.sha256(), Checksums.sha256(datasets.resolve(e.path())), e.path());
            assertTrue(e.derived() || e.source().startsWith("https://raw.githubusercontent.com/"), e.source());
        }
        try (LocalMirror mirror = new LocalMirror(datasets)) {
            DatasetResolver r = new DatasetResolver(new DatasetResolver.Settings(null, tmp, tmp.resolve("cache"),
                    mirror.uri(), Duration.ofSeconds(20)), http, bundled);
            List<String> mrpc = BuiltinDatasets.get("mrpc").files();
            assertEquals(DatasetResolver.Origin.CACHE, r.resolve("mrpc", mrpc, null).origin());
            // train.tsv is not fetched: it is rebuilt from msr_paraphrase_train.txt and dev_ids.tsv (GLUE's rule)
            assertEquals(0, mirror.requestsFor("mrpc/train.tsv"));
            assertEquals(1, mirror.requestsFor("mrpc/msr_paraphrase_train.txt"));
            assertEquals(Checksums.sha256(datasets.resolve("mrpc/train.tsv")),
                    Checksums.sha256(tmp.resolve("cache/mrpc/train.tsv")));
        }
    }

    private static List<String> leftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")
                    || (!n.startsWith(".") && !List.of("train.tsv", "dev.tsv").contains(n))).sorted().toList();
        }
    }

    private Path copyOfServed(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        copyTree(served, dir);
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
