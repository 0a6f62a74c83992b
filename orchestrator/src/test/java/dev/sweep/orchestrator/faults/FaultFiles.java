package dev.sweep.orchestrator.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sweep files and corpora under src/test/resources/faults/. */
final class FaultFiles {

    private FaultFiles() {
    }

    static String text(String name) {
        try (InputStream in = FaultFiles.class.getResourceAsStream("/faults/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /faults/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the resource into {@code dir} under its own file name; returns the copy's absolute path. */
    static Path copy(String name, Path dir) throws IOException {
        Path file = dir.resolve(Path.of(name).getFileName().toString()).toAbsolutePath();
        Files.writeString(file, text(name));
        return file;
    }
}
