package dev.sweep.worker.bert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Writes a fine-tuned model where any runtime can serve it: the encoder weights go back into a copy of the original
 * ONNX file (each initializer's raw_data replaced, names and graph untouched, so ONNX Runtime runs it at dynamic
 * shapes), the head goes to {@code classifier.json} (pooling, labels, weight [H][C], bias [C]: logits =
 * pooled·W + b), and the tokenizer.json is copied beside them.
 */
public final class OnnxExporter {

    public static final String ONNX_FILE = "model.onnx";
    public static final String HEAD_FILE = "classifier.json";
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private OnnxExporter() {
    }

    /** Exports into {@code dir} (created); returns the ONNX file's path. */
    public static Path export(ModelSource source, BertWeights pretrained, BertClassifier model, Pooling pooling,
                              List<String> labels, Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] original;
        try (InputStream in = source.onnx().open()) {
            original = in.readAllBytes();
        }
        Onnx.ModelProto proto = BertWeights.parseModel(original);
        Map<String, String> initToModule = new HashMap<>();
        for (String module : model.encoderWeights().keySet()) {
            initToModule.put(pretrained.initializerName(module), module);
        }
        Onnx.GraphProto.Builder graph = proto.getGraph().toBuilder();
        int replaced = 0;
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            String module = initToModule.get(graph.getInitializer(i).getName());
            if (module == null) {
                continue;
            }
            INDArray arr = model.encoderWeights().get(module);
            Onnx.TensorProto old = graph.getInitializer(i);
            long expected = old.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
            if (arr.length() != expected) {
                throw new IllegalStateException("initializer " + old.getName() + " (" + module + ") must keep its "
                        + expected + " values, but the trained array has " + arr.length());
            }
            graph.setInitializer(i, old.toBuilder().clearFloatData().setRawData(floatBytes(arr)).build());
            replaced++;
        }
        if (replaced != initToModule.size()) {
            throw new IllegalStateException("every encoder parameter must be written back, but only " + replaced
                    + " of " + initToModule.size() + " initializers were found in " + source.id());
        }
        Path onnx = dir.resolve(ONNX_FILE);
        Path tmp = dir.resolve(ONNX_FILE + ".tmp");
        Files.write(tmp, proto.toBuilder().setGraph(graph).build().toByteArray());
        Files.move(tmp, onnx, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (InputStream in = source.tokenizer().open()) {
            Files.copy(in, dir.resolve(TOKENIZER_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("base_model", source.id());
        head.put("base_model_sha256", pretrained.sha256());
        head.put("pooling", pooling.name().toLowerCase(java.util.Locale.ROOT));
        head.put("labels", labels);
        head.put("hidden", model.config().hidden());
        head.put("weight", model.headWeights().get(BertGraph.HEAD_W).toFloatMatrix());
        head.put("bias", model.headWeights().get(BertGraph.HEAD_B).toFloatVector());
        new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(HEAD_FILE).toFile(), head);
        return onnx;
    }

    private static ByteString floatBytes(INDArray arr) {
        float[] values = arr.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return ByteString.copyFrom(buf.array());
    }
}
