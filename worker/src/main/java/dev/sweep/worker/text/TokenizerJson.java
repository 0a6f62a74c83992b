package dev.sweep.worker.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the parts of a HuggingFace {@code tokenizer.json} that a BERT WordPiece tokenizer uses, and refuses
 * (with the key and the value) every setting it would not reproduce exactly.
 */
final class TokenizerJson {

    record Parts(BertNormalizer normalizer, WordPiece model, AddedTokens rawAdded, AddedTokens normalizedAdded,
                 int clsId, int sepId, int padId, int vocabSize) {
    }

    private TokenizerJson() {
    }

    static Parts read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("tokenizer.json must hold a JSON object, but got " + root);
        }
        WordPiece model = model(root.path("model"));
        BertNormalizer normalizer = normalizer(root.path("normalizer"));
        String preTokenizer = root.path("pre_tokenizer").path("type").asText("null");
        if (!preTokenizer.equals("BertPreTokenizer")) {
            throw new IllegalArgumentException("pre_tokenizer.type must be BertPreTokenizer, but got " + preTokenizer);
        }
        Map<String, Integer> raw = new LinkedHashMap<>();
        Map<String, Integer> normalized = new LinkedHashMap<>();
        int maxAddedId = -1;
        for (JsonNode token : root.path("added_tokens")) {
            String content = token.path("content").asText();
            int id = token.path("id").asInt(-1);
            for (String flag : List.of("single_word", "lstrip", "rstrip")) {
                if (token.path(flag).asBoolean(false)) {
                    throw new IllegalArgumentException("added token " + content + ": " + flag
                            + "=true is not supported (only false)");
                }
            }
            if (token.path("normalized").asBoolean(!token.path("special").asBoolean(false))) {
                normalized.put(normalizer.normalize(content), id);
            } else {
                raw.put(content, id);
            }
            maxAddedId = Math.max(maxAddedId, id);
        }
        int[] clsSep = postProcessor(root.path("post_processor"), model);
        JsonNode padding = root.path("padding");
        int padId = padding.isObject() && padding.has("pad_id") ? padding.get("pad_id").asInt()
                : idOf(model, "[PAD]", "padding");
        int vocabSize = Math.max(model.maxId(), maxAddedId) + 1;
        return new Parts(normalizer, model, new AddedTokens(raw), new AddedTokens(normalized),
                clsSep[0], clsSep[1], padId, vocabSize);
    }

    private static WordPiece model(JsonNode model) {
        String type = model.path("type").asText("WordPiece");
        if (!type.equals("WordPiece")) {
            throw new IllegalArgumentException("model.type must be WordPiece, but got " + type);
        }
        JsonNode vocabNode = model.path("vocab");
        if (!vocabNode.isObject() || vocabNode.isEmpty()) {
            throw new IllegalArgumentException("model.vocab must be a non-empty object token -> id, but got "
                    + vocabNode.getNodeType());
        }
        Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
        vocabNode.fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        return new WordPiece(vocab, model.path("unk_token").asText("[UNK]"),
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100));
    }

    private static BertNormalizer normalizer(JsonNode node) {
        String type = node.path("type").asText("null");
        if (!type.equals("BertNormalizer")) {
            throw new IllegalArgumentException("normalizer.type must be BertNormalizer, but got " + type);
        }
        boolean lowercase = node.path("lowercase").asBoolean(true);
        JsonNode strip = node.path("strip_accents");
        boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
        return new BertNormalizer(node.path("clean_text").asBoolean(true),
                node.path("handle_chinese_chars").asBoolean(true), stripAccents, lowercase);
    }

    /** Returns {cls id, sep id}, after checking that the template is BERT's. */
    private static int[] postProcessor(JsonNode node, WordPiece model) {
        String type = node.path("type").asText("null");
        switch (type) {
            case "BertProcessing" -> {
                return new int[] {node.path("cls").path(1).asInt(), node.path("sep").path(1).asInt()};
            }
            case "TemplateProcessing" -> {
                String single = template(node.path("single"));
                String pair = template(node.path("pair"));
                if (!single.equals("[CLS]:0 $A:0 [SEP]:0") || !pair.equals("[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1")) {
                    throw new IllegalArgumentException("post_processor must be BERT's template "
                            + "([CLS]:0 $A:0 [SEP]:0 / [CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1), but got (" + single
                            + " / " + pair + ")");
                }
                JsonNode specials = node.path("special_tokens");
                return new int[] {specials.path("[CLS]").path("ids").path(0).asInt(idOf(model, "[CLS]", type)),
                        specials.path("[SEP]").path("ids").path(0).asInt(idOf(model, "[SEP]", type))};
            }
            default -> throw new IllegalArgumentException(
                    "post_processor.type must be TemplateProcessing or BertProcessing, but got " + type);
        }
    }

    private static String template(JsonNode pieces) {
        StringBuilder out = new StringBuilder();
        for (JsonNode piece : pieces) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (piece.has("SpecialToken")) {
                JsonNode t = piece.get("SpecialToken");
                out.append(t.path("id").asText()).append(':').append(t.path("type_id").asInt());
            } else {
                JsonNode t = piece.path("Sequence");
                out.append('$').append(t.path("id").asText()).append(':').append(t.path("type_id").asInt());
            }
        }
        return out.toString();
    }

    private static int idOf(WordPiece model, String token, String where) {
        Integer id = model.idOrNull(token);
        if (id == null) {
            throw new IllegalArgumentException(where + " needs " + token + " in model.vocab, but it is missing");
        }
        return id;
    }
}
