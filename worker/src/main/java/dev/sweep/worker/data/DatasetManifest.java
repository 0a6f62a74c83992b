package dev.sweep.worker.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The files that may be downloaded ({@code datasets-manifest.tsv}): path under the data folder → SHA-256, source. */
public record DatasetManifest(Map<String, Entry> entries) {

    /** {@code source} is an https URL, or {@code derive:<rule>} for a file built from other manifest files. */
    public record Entry(String path, String sha256, String source) {
        public boolean derived() {
            return source.startsWith("derive:");
        }
    }

    public DatasetManifest {
        entries = Map.copyOf(entries);
    }

    /** The manifest shipped with the worker. */
    public static DatasetManifest bundled() {
        try (InputStream in = DatasetManifest.class.getResourceAsStream("datasets-manifest.tsv")) {
            if (in == null) {
                throw new IllegalStateException("datasets-manifest.tsv is missing next to "
                        + DatasetManifest.class.getName());
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading datasets-manifest.tsv", e);
        }
    }

    static DatasetManifest parse(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, Entry> entries = new LinkedHashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3 || !f[1].matches("[0-9a-f]{64}")) {
                throw new IllegalStateException("datasets-manifest.tsv line " + number
                        + ": expected <path> TAB <64 hex sha256> TAB <source>, but got '" + line + "'");
            }
            entries.put(f[0], new Entry(f[0], f[1], f[2]));
        }
        return new DatasetManifest(entries);
    }

    public Optional<Entry> entry(String path) {
        return Optional.ofNullable(entries.get(path));
    }
}
