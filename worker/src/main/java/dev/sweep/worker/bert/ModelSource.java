package dev.sweep.worker.bert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a pretrained BERT comes from: an id for provenance and two openers, one for the ONNX file and one for its
 * tokenizer.json. Built-in names read the ONNX files shipped inside the langchain4j model jars on the classpath
 * (no download at run time); {@code {onnx: path, tokenizer: path}} reads any BERT export on disk.
 */
public record ModelSource(String id, Opener onnx, Opener tokenizer) {

    /** Opens a fresh stream on each call. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** The built-in names, each with the classpath resources of its ONNX file and tokenizer.json. */
    public static final Map<String, List<String>> BUILT_IN = Map.of(
            "all-minilm-l6-v2", List.of("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"),
            "bge-small-en-v1.5", List.of("bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json"));

    public ModelSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /**
     * Resolves the sweep file's {@code task.model}: a built-in name, or a map with {@code onnx} and {@code tokenizer}
     * paths (relative paths resolve against {@code baseDir}).
     */
    public static ModelSource resolve(Object spec, Path baseDir) {
        if (spec == null) {
            return builtIn("all-minilm-l6-v2");
        }
        if (spec instanceof String name) {
            return builtIn(name);
        }
        if (spec instanceof Map<?, ?> map) {
            Object onnx = map.get("onnx");
            Object tokenizer = map.get("tokenizer");
            if (onnx == null || tokenizer == null) {
                throw new IllegalArgumentException("task.model as a map needs both 'onnx' and 'tokenizer' paths, but got "
                        + map);
            }
            return files(baseDir.resolve(onnx.toString()), baseDir.resolve(tokenizer.toString()));
        }
        throw new IllegalArgumentException("task.model must be one of " + BUILT_IN.keySet()
                + " or {onnx: path, tokenizer: path}, but got " + spec);
    }

    public static ModelSource builtIn(String name) {
        List<String> resources = BUILT_IN.get(name);
        if (resources == null) {
            throw new IllegalArgumentException("task.model must be one of " + BUILT_IN.keySet()
                    + " or {onnx: path, tokenizer: path}, but got '" + name + "'");
        }
        return new ModelSource(name, resource(name, resources.get(0)), resource(name, resources.get(1)));
    }

    public static ModelSource files(Path onnx, Path tokenizer) {
        for (Path p : List.of(onnx, tokenizer)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("model file must exist, but got " + p.toAbsolutePath());
            }
        }
        return new ModelSource(onnx.toAbsolutePath().normalize().toString(), () -> Files.newInputStream(onnx),
                () -> Files.newInputStream(tokenizer));
    }

    private static Opener resource(String model, String resource) {
        return () -> {
            InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("model " + model + ": resource " + resource + " is not on the classpath "
                        + "(the langchain4j-embeddings model jar is missing)");
            }
            return in;
        };
    }
}
