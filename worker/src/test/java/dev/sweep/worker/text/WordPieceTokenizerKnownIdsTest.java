package dev.sweep.worker.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Id sequences produced once by HuggingFace tokenizers 0.20.3 (DJL 0.31.1) and checked in as
 * {@code text/known-ids.jsonl}: the tokenizer is pinned even where DJL cannot run.
 */
class WordPieceTokenizerKnownIdsTest {

    @Test
    void checkedInIdSequencesAreReproduced() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, WordPieceTokenizer> tokenizers = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("text/known-ids.jsonl")) {
            assertNotNull(in, "text/known-ids.jsonl is missing from the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode row = json.readTree(line);
                WordPieceTokenizer tok = tokenizers.computeIfAbsent(row.get("tokenizer").asText(),
                        name -> WordPieceTokenizer.fromResource(getClass().getClassLoader(), name));
                String a = row.get("a").asText();
                String b = row.get("b").isNull() ? null : row.get("b").asText();
                Encoding e = tok.encode(a, b, row.get("max_len").asInt());
                int[] ids = json.convertValue(row.get("ids"), int[].class);
                int[] typeIds = json.convertValue(row.get("type_ids"), int[].class);
                if (!java.util.Arrays.equals(ids, e.ids()) || !java.util.Arrays.equals(typeIds, e.typeIds())) {
                    mismatches.add(line);
                }
                if (b == null && ids.length < row.get("max_len").asInt()) {
                    List<String> tokens = new ArrayList<>(List.of("[CLS]"));
                    tokens.addAll(tok.tokenize(a));
                    tokens.add("[SEP]");
                    assertEquals(json.convertValue(row.get("tokens"), List.class), tokens, a);
                }
                cases++;
            }
        }
        assertEquals(38, cases);
        assertEquals(List.of(), mismatches);
        assertArrayEquals(new int[] {101, 7592, 1010, 2088, 999, 102},
                tokenizers.get(HfReference.MINILM).encode("Hello, world!", null, 128).ids());
    }
}
