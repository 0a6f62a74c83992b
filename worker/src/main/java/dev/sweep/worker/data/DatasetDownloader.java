package dev.sweep.worker.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fetches manifest files into a cache folder, once: each file goes to a temporary file beside its target, is checked
 * against its SHA-256 and only then moved into place atomically; a mismatch deletes it. A lock file per target keeps
 * two worker processes from downloading the same file at once (and a monitor does the same for threads).
 */
final class DatasetDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetDownloader.class);

    private final Supplier<HttpClient> http;
    private final DatasetManifest manifest;
    private final URI mirror;
    private final Duration timeout;
    private final Object monitor = new Object();

    /** @param mirror null for each file's source URL, else a base URL laid out like shared/datasets */
    DatasetDownloader(Supplier<HttpClient> http, DatasetManifest manifest, URI mirror, Duration timeout) {
        this.http = http;
        this.manifest = manifest;
        this.mirror = mirror == null || mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
        this.timeout = timeout;
    }

    /** Makes sure {@code cache/path} exists and has the manifest's checksum; downloads (or derives) it if missing. */
    void ensure(String dataset, Path cache, String path, List<String> allFiles) throws InterruptedException {
        Path target = cache.resolve(path);
        if (Files.isRegularFile(target)) {
            return;
        }
        DatasetManifest.Entry entry = manifest.entry(path).orElseThrow(() -> new DatasetException("dataset '"
                + dataset + "': " + path + " is not in the download manifest, so it cannot be downloaded. "
                + howToProvide(allFiles)));
        synchronized (monitor) {
            try {
                Files.createDirectories(target.getParent());
                Path lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = lock(channel)) {
                    if (Files.isRegularFile(target)) {
                        return; // another process finished it while we waited
                    }
                    fetchVerifyAndMove(dataset, cache, entry, target, allFiles);
                }
            } catch (ClosedByInterruptException e) {
                throw new InterruptedException("interrupted while waiting for the lock on " + target);
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + target, e);
            }
        }
    }

    /** An exclusive lock; another resolver in this JVM holding it shows as an overlap, so poll for that case. */
    private static FileLock lock(FileChannel channel) throws IOException, InterruptedException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                Thread.sleep(20);
            }
        }
    }

    private void fetchVerifyAndMove(String dataset, Path cache, DatasetManifest.Entry entry, Path target,
                                    List<String> allFiles) throws IOException, InterruptedException {
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        try {
            String origin;
            if (entry.derived()) {
                origin = derive(dataset, cache, entry, part, allFiles);
            } else {
                URI uri = mirror != null ? mirror.resolve(entry.path()) : URI.create(entry.source());
                origin = uri.toString();
                download(dataset, uri, part, allFiles);
            }
            String actual = Checksums.sha256(part);
            if (!actual.equals(entry.sha256())) {
                throw new DatasetException("dataset '" + dataset + "': checksum mismatch for " + entry.path()
                        + " from " + origin + ": expected sha256 " + entry.sha256() + ", but got " + actual
                        + "; the download was deleted and nothing was cached (a corrupted or changed file: check the"
                        + " source or mirror)");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("dataset {}: cached {} ({} bytes, sha256 {}) from {}", dataset, entry.path(), Files.size(target),
                    actual.substring(0, 12), origin);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private void download(String dataset, URI uri, Path part, List<String> allFiles) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<Path> response;
        try {
            response = http.get().send(request, HttpResponse.BodyHandlers.ofFile(part));
        } catch (IOException e) {
            throw new DatasetException("dataset '" + dataset + "': could not download " + uri + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). "
                    + howToProvide(allFiles), e);
        }
        if (response.statusCode() != 200) {
            throw new DatasetException("dataset '" + dataset + "': could not download " + uri + " (HTTP "
                    + response.statusCode() + "). " + howToProvide(allFiles));
        }
    }

    /** GLUE's MRPC train.tsv: msr_paraphrase_train.txt without the pairs listed in dev_ids.tsv. */
    private String derive(String dataset, Path cache, DatasetManifest.Entry entry, Path part, List<String> allFiles)
            throws IOException, InterruptedException {
        if (!entry.source().equals("derive:mrpc-train")) {
            throw new IllegalStateException("unknown derivation " + entry.source() + " for " + entry.path());
        }
        String raw = "mrpc/msr_paraphrase_train.txt";
        String ids = "mrpc/dev_ids.tsv";
        ensure(dataset, cache, raw, allFiles);
        ensure(dataset, cache, ids, allFiles);
        Set<String> dev = new HashSet<>();
        for (String line : Files.readAllLines(cache.resolve(ids), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                dev.add(line.strip());
            }
        }
        byte[] bytes = Files.readAllBytes(cache.resolve(raw));
        String text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes)).toString();
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        out.append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (!lines[i].isEmpty() && !(f.length > 2 && dev.contains(f[1] + "\t" + f[2]))) {
                out.append(lines[i]).append('\n');
            }
        }
        Files.writeString(part, out, StandardCharsets.UTF_8);
        return "derive:mrpc-train(" + raw + ", " + ids + ")";
    }

    static String howToProvide(List<String> files) {
        return "Provide the data yourself: set task.data_dir (or the SWEEP_DATA_DIR environment variable) to a folder"
                + " laid out like shared/datasets that holds " + String.join(", ", files)
                + ", or set SWEEP_DATASET_MIRROR to a reachable mirror of that layout.";
    }
}
