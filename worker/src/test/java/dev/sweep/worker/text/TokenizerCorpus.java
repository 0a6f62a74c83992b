package dev.sweep.worker.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test texts: hard cases, and real sentences and pairs from the shared datasets when they are present. */
final class TokenizerCorpus {

    record Pair(String a, String b) {
    }

    private TokenizerCorpus() {
    }

    static final List<String> HARD_CASES = List.of(
            "", " ", "\t\n\r ", "Héllo wörld", "naïve café résumé Crème brûlée", "ÅNGSTRÖM Ærø Øresund",
            "İstanbul IŞIK ılık", "straße STRASSE", "ΣΊΣΥΦΟΣ Οδυσσεύς", "日本語のテキストです", "中文分词测试，好吗？",
            "한국어 텍스트", "emoji 😀👍🏽 🥲 test😀", "family 👨‍👩‍👧 flag 🇩🇪", "em—dash – en-dash ‒ figure ― bar",
            "wow!! what?!? yes... no…", "hyphen-ated well-known words", "snake_case_identifier __init__",
            "x".repeat(99), "y".repeat(100), "z".repeat(101), "é".repeat(101), "supercalifragilisticexpialidocious",
            "antidisestablishmentarianism".repeat(3), "a\u0000b\u0007c\u001Fd\u007Fe\u0085f\u000Bg\u000Ch",
            "zero\u200Bwidth joiner\u200Dx", "soft\u00ADhyphen", "nbsp\u00A0here narrow\u202Fnbsp",
            "tab\tand\nnewline\r\nend", "\uFFFD replacement \uFFFD", "[CLS] in text [SEP] and [MASK] and [PAD][UNK]",
            "a[SEP]b [SEP][SEP]", "[cls] lowercase [Sep]", "combining e\u0301 a\u0308 n\u0303", "ﬁ ligature ﬂ",
            "fullwidth ＡＢＣ１２３！", "math 𝐀𝐁𝐂 ℝ²", "$100 + 50% = <tag> ^ `code` | ~ #hash @at",
            "'quotes' \"double\" «guillemets» „low“ ‘single’", "U.S.A. e.g. i.e. Mr. Smith's", "1,000,000.50 3.14e-10",
            "email@example.com http://x.y/z?a=b&c=d", "Ǆ ǅ ǆ titlecase", "Arabic العربية", "Hebrew עברית",
            "Thai ภาษาไทย", "Devanagari हिन्दी", "Ⅻ roman numerals ①②", "private \uE000\uF8FF use",
            "CJK ext B 𠀀𠀁 and compat 豈", "\u2028line sep\u2029para", "ideographic\u3000space", "Ⓐ circled ⒜",
            "don't won't can't y'all", "C++ C# F# .NET node.js", "¿Qué? ¡Sí!", "Ελληνικά ά έ ή", "Кириллица Ёж",
            "Tiếng Việt có dấu", "ǰ ẞ ŉ", "\u0130\u0307 dotted", "ᾼ ᾳ", "a\u0300\u0301\u0302 stacked marks",
            "    leading and trailing spaces    ", "ends with punctuation.", "...", "---", "\"\"\"", "''",
            "ab\u00A0\u00A0cd", "\u1680ogham space", "numbers 123 4567 89012 345678", "unaffable");

    /** {@code shared/datasets}, searched upwards from the working directory; empty when absent. */
    static Optional<Path> datasetsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            candidate = dir.resolveSibling("shared").resolve("datasets");
            if (dir.getParent() != null && Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** Every {@code step}-th line of a file (header skipped), split on TAB. */
    static List<String[]> sample(Path file, int step, int limit) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.size() && rows.size() < limit; i += step) {
                rows.add(lines.get(i).split("\t", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Single sentences from SST-2 (train and dev) and the harvardnlp test file. */
    static List<String> sentences(Path datasets) {
        List<String> out = new ArrayList<>();
        sample(datasets.resolve("sst2/train.tsv"), 337, 200).forEach(r -> out.add(r[0]));
        sample(datasets.resolve("sst2/dev.tsv"), 9, 60).forEach(r -> out.add(r[0]));
        sample(datasets.resolve("sst2/test.tsv"), 31, 40).forEach(r -> out.add(r[1]));
        return out;
    }

    /** Sentence pairs from MRPC, RTE and the medical question pairs (a naive comma split is enough for a sample). */
    static List<Pair> pairs(Path datasets) {
        List<Pair> out = new ArrayList<>();
        sample(datasets.resolve("mrpc/train.tsv"), 37, 100).forEach(r -> out.add(new Pair(r[3], r[4])));
        sample(datasets.resolve("rte/train.tsv"), 25, 100).forEach(r -> out.add(new Pair(r[1], r[2])));
        sample(datasets.resolve("medical_questions_pairs/mqp.csv"), 30, 100).forEach(r -> {
            String line = String.join("\t", r);
            out.add(new Pair(line, line.substring(line.length() / 2)));
        });
        return out;
    }
}
