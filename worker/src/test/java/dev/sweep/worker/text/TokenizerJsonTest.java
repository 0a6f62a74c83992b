package dev.sweep.worker.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Settings read from tokenizer.json are honoured, and the ones we would not reproduce are refused by name. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenizerJsonTest {
    private final ObjectMapper json = new ObjectMapper();
    private ObjectNode original;

    @BeforeAll
    void readOnce() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(HfReference.MINILM)) {
            original = (ObjectNode) json.readTree(in);
        }
    }

    private ObjectNode minilm() {
        return original.deepCopy();
    }

    private WordPieceTokenizer load(ObjectNode root) throws IOException {
        return WordPieceTokenizer.fromTokenizerJson(new ByteArrayInputStream(json.writeValueAsBytes(root)));
    }

    @Test
    void normalizerFlagsAreRead() throws IOException {
        ObjectNode root = minilm();
        ObjectNode normalizer = (ObjectNode) root.get("normalizer");
        normalizer.put("lowercase", false);
        normalizer.putNull("strip_accents");
        WordPieceTokenizer cased = load(root);
        // strip_accents null follows lowercase=false: nothing is changed, and the uncased vocabulary lacks both
        assertEquals(List.of("[UNK]", "[UNK]", "hello"), cased.tokenize("Hello café hello"));
        normalizer.put("strip_accents", true);
        assertEquals(List.of("[UNK]", "cafe"), load(root).tokenize("Hello café"));
        normalizer.put("lowercase", true);
        normalizer.put("strip_accents", false);
        assertEquals(List.of("hello", "[UNK]", "[UNK]"), load(root).tokenize("Hello CAFÉ É"));
        normalizer.put("handle_chinese_chars", false);
        assertEquals(List.of("中", "##文"), load(root).tokenize("中文"));
        normalizer.put("handle_chinese_chars", true);
        assertEquals(List.of("中", "文"), load(root).tokenize("中文"));
    }

    @Test
    void maxInputCharsPerWordAndUnknownTokenAreRead() throws IOException {
        ObjectNode root = minilm();
        ((ObjectNode) root.get("model")).put("max_input_chars_per_word", 5);
        WordPieceTokenizer tok = load(root);
        assertEquals(List.of("hello", "[UNK]"), tok.tokenize("hello worlds"));
        ((ObjectNode) root.get("model")).put("unk_token", "[MASK]");
        assertEquals(List.of("hello", "[MASK]"), load(root).tokenize("hello worlds"));
    }

    @Test
    void unsupportedPartsAreRefusedWithTheKeyAndValue() throws IOException {
        ObjectNode root = minilm();
        ((ObjectNode) root.get("normalizer")).put("type", "NFKC");
        assertEquals("normalizer.type must be BertNormalizer, but got NFKC",
                assertThrows(IllegalArgumentException.class, () -> load(root)).getMessage());
        ObjectNode bpe = minilm();
        ((ObjectNode) bpe.get("model")).put("type", "BPE");
        assertEquals("model.type must be WordPiece, but got BPE",
                assertThrows(IllegalArgumentException.class, () -> load(bpe)).getMessage());
        ObjectNode pre = minilm();
        ((ObjectNode) pre.get("pre_tokenizer")).put("type", "Whitespace");
        assertEquals("pre_tokenizer.type must be BertPreTokenizer, but got Whitespace",
                assertThrows(IllegalArgumentException.class, () -> load(pre)).getMessage());
        ObjectNode unk = minilm();
        ((ObjectNode) unk.get("model")).put("unk_token", "<unk>");
        assertEquals("the unknown token must be in the vocabulary, but got unk_token=<unk> which is not among the "
                + "30522 entries", assertThrows(IllegalArgumentException.class, () -> load(unk)).getMessage());
        ObjectNode lstrip = minilm();
        ((ObjectNode) lstrip.get("added_tokens").get(4)).put("lstrip", true);
        assertEquals("added token [MASK]: lstrip=true is not supported (only false)",
                assertThrows(IllegalArgumentException.class, () -> load(lstrip)).getMessage());
    }

    @Test
    void aMissingResourceIsNamed() {
        assertEquals("tokenizer resource nope.json is not on the class path", assertThrows(
                IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromResource(getClass().getClassLoader(), "nope.json")).getMessage());
    }
}
