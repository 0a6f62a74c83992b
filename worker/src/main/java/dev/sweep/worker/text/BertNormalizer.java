package dev.sweep.worker.text;

import java.text.Normalizer;

/**
 * HuggingFace's {@code BertNormalizer}, step for step: clean text (drop NUL, U+FFFD and "other" characters in
 * categories Cc/Cf/Co except tab/newline/carriage return, map every White_Space character to a space), put spaces around
 * CJK ideographs, strip accents (NFD, then drop nonspacing marks Mn), lowercase code point by code point (Rust's
 * {@code char::to_lowercase}, which maps 'İ' to "i̇" and never applies the final-sigma rule).
 *
 * The categories come from {@link HfUnicode} (HuggingFace's older tables), not from {@link Character}.
 *
 * @param stripAccents strip accents; HuggingFace's {@code strip_accents: null} means "same as lowercase"
 */
record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase,
                             HfUnicode unicode) {

    BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {
        this(cleanText, handleChineseChars, stripAccents, lowercase, HfUnicode.load());
    }

    /** Normalizes one piece of raw text. */
    String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (cleanText) {
                if (c == 0 || c == 0xFFFD || isControl(c, unicode)) {
                    continue;
                }
                if (isWhitespace(c)) {
                    c = ' ';
                }
            }
            if (handleChineseChars && isChineseChar(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
            } else {
                out.appendCodePoint(c);
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            // ASCII has nothing to decompose or strip, and lowercases within ASCII
            if (lowercase) {
                for (int i = 0; i < out.length(); i++) {
                    char ch = out.charAt(i);
                    if (ch >= 'A' && ch <= 'Z') {
                        out.setCharAt(i, (char) (ch + ('a' - 'A')));
                    }
                }
            }
            return out.toString();
        }
        String s = out.toString();
        if (stripAccents) {
            s = stripNonspacingMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
        }
        if (lowercase) {
            s = lowercase(s);
        }
        return s;
    }

    private String stripNonspacingMarks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!unicode.isMarkNonspacing(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static String lowercase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x130) {
                out.append("i\u0307"); // the one unconditional multi-character lowercase mapping in SpecialCasing.txt
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
        }
        return out.toString();
    }

    /** Rust's {@code char::is_whitespace}: the Unicode White_Space property. */
    static boolean isWhitespace(int c) {
        return switch (c) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /** Categories Cc, Cf and Co (unicode_categories' {@code is_other}), tab, newline and carriage return excluded. */
    static boolean isControl(int c, HfUnicode unicode) {
        return c != '\t' && c != '\n' && c != '\r' && unicode.isOther(c);
    }

    /** The CJK ideograph blocks exactly as HuggingFace lists them (note 0x2B920, not BERT's 0x2B820). */
    static boolean isChineseChar(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
