package dev.sweep.worker.bert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.CodedInputStream;

/**
 * The encoder weights of a pretrained BERT, read from the initializers of its ONNX export with the {@code onnx.Onnx}
 * protobuf classes that ship in nd4j-api (no graph import). PyTorch exports name linear weights {@code onnx::MatMul_N}
 * and store them already as [in, out]; the owning module is recovered from the name of the MatMul node that consumes
 * each one ({@code /encoder/layer.0/attention/self/query/MatMul} → {@code encoder.layer.0.attention.self.query.weight}).
 * Tensors are keyed by Hugging Face module names; {@link #initializerName} maps them back for export.
 */
public final class BertWeights {

    private final String modelId;
    private final String sha256;
    private final BertConfig config;
    private final Map<String, INDArray> tensors;
    private final Map<String, String> initializerNames;

    private BertWeights(String modelId, String sha256, BertConfig config, Map<String, INDArray> tensors,
                        Map<String, String> initializerNames) {
        this.modelId = modelId;
        this.sha256 = sha256;
        this.config = config;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.initializerNames = Map.copyOf(initializerNames);
    }

    /** Reads, hashes and parses the model's ONNX file (raising protobuf's 64 MB message limit). */
    public static BertWeights load(ModelSource source) throws IOException {
        byte[] bytes;
        try (InputStream in = source.onnx().open()) {
            bytes = in.readAllBytes();
        }
        try {
            return parse(source.id(), bytes);
        } catch (org.nd4j.shade.protobuf.InvalidProtocolBufferException e) {
            throw new IOException("model " + source.id() + ": not an ONNX file (" + e.getMessage() + ")", e);
        }
    }

    static BertWeights parse(String modelId, byte[] bytes) throws IOException {
        String sha = sha256(bytes);
        Onnx.GraphProto graph = parseModel(bytes).getGraph();
        Map<String, Onnx.TensorProto> inits = new HashMap<>();
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            inits.put(t.getName(), t);
        }
        Map<String, String> moduleToInit = new HashMap<>();
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            moduleToInit.put(t.getName(), t.getName());
        }
        for (Onnx.NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("MatMul") && node.getInputCount() == 2 && inits.containsKey(node.getInput(1))
                    && node.getName().endsWith("/MatMul")) {
                String module = node.getName().substring(1, node.getName().length() - "/MatMul".length())
                        .replace('/', '.') + ".weight";
                moduleToInit.put(module, node.getInput(1));
            }
        }
        String wordKey = "embeddings.word_embeddings.weight";
        if (!moduleToInit.containsKey(wordKey)) {
            throw new IllegalArgumentException("model " + modelId + ": no " + wordKey
                    + " initializer: not a BERT encoder");
        }
        int layers = 0;
        while (moduleToInit.containsKey("encoder.layer." + layers + ".attention.self.query.bias")) {
            layers++;
        }
        if (layers == 0) {
            throw new IllegalArgumentException("model " + modelId
                    + ": no encoder.layer.0.attention.self.query.bias initializer: not a BERT encoder");
        }
        long[] word = shapeOf(inits.get(moduleToInit.get(wordKey)));
        int hidden = (int) word[1];
        long[] inter = shapeOf(requireInit(modelId, inits, moduleToInit, "encoder.layer.0.intermediate.dense.bias"));
        long[] pos = shapeOf(requireInit(modelId, inits, moduleToInit, "embeddings.position_embeddings.weight"));
        long[] types = shapeOf(requireInit(modelId, inits, moduleToInit, "embeddings.token_type_embeddings.weight"));
        int heads = detectHeads(graph, inits, hidden);
        BertConfig config = new BertConfig(layers, hidden, heads, (int) inter[0], (int) word[0], (int) pos[0],
                (int) types[0]);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (String name : parameterNames(config)) {
            Onnx.TensorProto t = requireInit(modelId, inits, moduleToInit, name);
            tensors.put(name, toArray(modelId, t));
            names.put(name, t.getName());
        }
        return new BertWeights(modelId, sha, config, tensors, names);
    }

    /** The encoder's parameter names in a fixed order (embeddings, then each layer). */
    public static List<String> parameterNames(BertConfig config) {
        List<String> names = new ArrayList<>(List.of("embeddings.word_embeddings.weight",
                "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
                "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
        for (int i = 0; i < config.layers(); i++) {
            String p = "encoder.layer." + i + ".";
            for (String m : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                names.add(p + m + ".weight");
                names.add(p + m + ".bias");
            }
            names.add(p + "attention.output.LayerNorm.weight");
            names.add(p + "attention.output.LayerNorm.bias");
            names.add(p + "intermediate.dense.weight");
            names.add(p + "intermediate.dense.bias");
            names.add(p + "output.dense.weight");
            names.add(p + "output.dense.bias");
            names.add(p + "output.LayerNorm.weight");
            names.add(p + "output.LayerNorm.bias");
        }
        return names;
    }

    static Onnx.ModelProto parseModel(byte[] bytes) throws IOException {
        CodedInputStream cis = CodedInputStream.newInstance(bytes);
        cis.setSizeLimit(Integer.MAX_VALUE);
        return Onnx.ModelProto.parseFrom(cis);
    }

    /**
     * Heads from the attention reshape target [batch, seq, heads, head_size] built by a Concat of constants (or a
     * constant shape); else hidden/64 (BERT-base convention) when that divides.
     */
    private static int detectHeads(Onnx.GraphProto graph, Map<String, Onnx.TensorProto> inits, int hidden) {
        Map<String, long[]> constants = new HashMap<>();
        Map<String, Onnx.NodeProto> producers = new HashMap<>();
        for (Onnx.NodeProto n : graph.getNodeList()) {
            for (String out : n.getOutputList()) {
                producers.put(out, n);
            }
            if (n.getOpType().equals("Constant") && n.getAttributeCount() > 0 && n.getAttribute(0).hasT()) {
                constants.put(n.getOutput(0), longs(n.getAttribute(0).getT()));
            }
        }
        for (Onnx.NodeProto n : graph.getNodeList()) {
            if (!n.getOpType().equals("Reshape") || !n.getName().contains("attention") || n.getInputCount() < 2) {
                continue;
            }
            String shapeName = n.getInput(1);
            long[] shape = constants.containsKey(shapeName) ? constants.get(shapeName)
                    : inits.containsKey(shapeName) ? longs(inits.get(shapeName)) : concatOfConstants(
                    producers.get(shapeName), constants, inits);
            if (shape != null && shape.length == 4 && shape[2] > 0 && shape[2] * shape[3] == hidden) {
                return (int) shape[2];
            }
        }
        if (hidden % 64 == 0) {
            return hidden / 64;
        }
        throw new IllegalArgumentException("cannot detect the number of attention heads: no attention Reshape with a "
                + "constant [.., .., heads, head_size] target and hidden % 64 != 0 (hidden=" + hidden + ")");
    }

    private static long[] concatOfConstants(Onnx.NodeProto concat, Map<String, long[]> constants,
                                            Map<String, Onnx.TensorProto> inits) {
        if (concat == null || !concat.getOpType().equals("Concat")) {
            return null;
        }
        long[] out = new long[concat.getInputCount()];
        for (int i = 0; i < out.length; i++) {
            String in = concat.getInput(i);
            long[] v = constants.containsKey(in) ? constants.get(in) : inits.containsKey(in) ? longs(inits.get(in)) : null;
            out[i] = v != null && v.length == 1 ? v[0] : -1;
        }
        return out;
    }

    private static long[] longs(Onnx.TensorProto t) {
        if (t.getDataType() != Onnx.TensorProto.DataType.INT64_VALUE) {
            return null;
        }
        if (t.getInt64DataCount() > 0) {
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        var buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        long[] out = new long[buf.remaining()];
        buf.get(out);
        return out;
    }

    private static Onnx.TensorProto requireInit(String modelId, Map<String, Onnx.TensorProto> inits,
                                                Map<String, String> moduleToInit, String module) {
        String init = moduleToInit.get(module);
        if (init == null || !inits.containsKey(init)) {
            throw new IllegalArgumentException("model " + modelId + ": no " + module
                    + " initializer: not a BERT encoder (or an export this loader does not know)");
        }
        return inits.get(init);
    }

    private static long[] shapeOf(Onnx.TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static INDArray toArray(String modelId, Onnx.TensorProto t) {
        if (t.getDataType() != Onnx.TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("model " + modelId + ": initializer " + t.getName()
                    + " must be FLOAT (a quantized model cannot be fine-tuned), but has ONNX data type "
                    + t.getDataType());
        }
        float[] values;
        if (t.getFloatDataCount() > 0) {
            values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        } else {
            FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            values = new float[fb.remaining()];
            fb.get(values);
        }
        return Nd4j.create(values, shapeOf(t), 'c').castTo(DataType.FLOAT);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 must be available in every JVM", e);
        }
    }

    public String modelId() {
        return modelId;
    }

    public String sha256() {
        return sha256;
    }

    public BertConfig config() {
        return config;
    }

    /** The pretrained tensors (read-only by convention: training works on {@link #copyParameters()}). */
    public Map<String, INDArray> tensors() {
        return tensors;
    }

    /** A fresh copy of every tensor, in {@link #parameterNames} order, for one trial to train. */
    public Map<String, INDArray> copyParameters() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        tensors.forEach((k, v) -> copy.put(k, v.dup('c')));
        return copy;
    }

    /** The ONNX initializer that holds {@code module} (e.g. {@code onnx::MatMul_885}). */
    public String initializerName(String module) {
        String name = initializerNames.get(module);
        if (name == null) {
            throw new IllegalArgumentException("module must be an encoder parameter, but got " + module);
        }
        return name;
    }

    /** Distinct initializer names, for checks. */
    Set<String> initializerNames() {
        return new HashSet<>(initializerNames.values());
    }
}
