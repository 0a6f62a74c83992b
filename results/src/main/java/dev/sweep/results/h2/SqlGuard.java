package dev.sweep.results.h2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first of the read-only query's defences: a lexer (strings, quoted identifiers, comments, dollar quotes)
 * that lets through exactly one statement starting with SELECT or WITH and holding no word that writes, locks,
 * changes a setting or reaches outside the database. It errs on the side of refusing; the second defence (a
 * connection of a user who may only read, in a transaction that is rolled back) holds even where it would miss.
 */
final class SqlGuard {

    /** Words refused anywhere outside strings and quoted identifiers. */
    private static final Set<String> REFUSED_WORDS = Set.of(
            // data and schema changes, also inside SELECT … FROM FINAL/NEW/OLD TABLE (…)
            "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "TRUNCATE", "DROP", "ALTER", "CREATE",
            "COMMENT", "GRANT", "REVOKE", "RENAME",
            // sessions, transactions, locks, settings
            "SET", "COMMIT", "ROLLBACK", "SAVEPOINT", "LOCK", "CHECKPOINT", "SHUTDOWN", "PREPARE", "EXECUTE", "EXEC",
            "CALL", "EXPLAIN", "ANALYZE", "DISCARD",
            // files and the outside world
            "SCRIPT", "RUNSCRIPT", "BACKUP", "CSVWRITE", "CSVREAD", "FILE_WRITE", "FILE_READ", "LINK_SCHEMA",
            "LINKED", "ALIAS", "JAVA_OBJECT",
            // other sessions and sequences
            "CANCEL_SESSION", "ABORT_SESSION", "NEXTVAL", "CURRVAL", "SETVAL");

    private static final Set<String> FIRST_WORDS = Set.of("SELECT", "WITH");

    private SqlGuard() {
    }

    /** @throws IllegalArgumentException naming the rule the statement breaks */
    static void check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw refuse("a query must be one SELECT or WITH statement, but got an empty text", sql);
        }
        List<Token> tokens = tokenize(sql);
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).is(";")) {
            end--;
        }
        if (end < tokens.size() - 1) {
            throw refuse("a query must end with at most one ';'", sql);
        }
        List<Token> body = tokens.subList(0, end);
        Token first = body.stream().filter(t -> !t.is("(")).findFirst().orElse(null);
        if (first == null || !first.word() || !FIRST_WORDS.contains(first.upper())) {
            throw refuse("a query must start with SELECT or WITH, but starts with '"
                    + (first == null ? "" : first.text()) + "'", sql);
        }
        for (int i = 0; i < body.size(); i++) {
            Token t = body.get(i);
            if (t.word() && t.upper().equals("NEXT") && i + 1 < body.size() && body.get(i + 1).word()
                    && body.get(i + 1).upper().equals("VALUE")) {
                throw refuse("a query may only read, but NEXT VALUE FOR advances a sequence", sql);
            }
            if (t.is(";")) {
                throw refuse("a query must be a single statement, but ';' separates several", sql);
            }
            if (t.word() && REFUSED_WORDS.contains(t.upper())) {
                throw refuse("a query may only read, but it uses " + t.upper(), sql);
            }
        }
    }

    private static IllegalArgumentException refuse(String rule, String sql) {
        return new IllegalArgumentException("query refused: " + rule + " (query: " + abbreviate(sql) + ")");
    }

    private static String abbreviate(String sql) {
        if (sql == null) {
            return "null";
        }
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    /** A word (unquoted identifier or keyword) or a symbol; strings, quoted identifiers and comments are dropped. */
    record Token(String text, boolean word) {
        boolean is(String symbol) {
            return !word && text.equals(symbol);
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (sql.startsWith("--", i) || sql.startsWith("//", i)) {
                i += 2;
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (sql.startsWith("/*", i)) {
                i = skipBlockComment(sql, i);
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                i = skipQuoted(sql, i, ch);
                out.add(new Token(ch == '\'' ? "'…'" : "\"…\"", false));
            } else if (sql.startsWith("$$", i)) {
                int close = sql.indexOf("$$", i + 2);
                if (close < 0) {
                    throw refuse("a $$ string must be closed", sql);
                }
                i = close + 2;
                out.add(new Token("'…'", false));
            } else if (Character.isLetter(ch) || ch == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(sql.substring(start, i), true));
            } else {
                out.add(new Token(String.valueOf(ch), false));
                i++;
            }
        }
        return out;
    }

    /** H2 nests block comments; so does this. */
    private static int skipBlockComment(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw refuse("a /* comment must be closed", sql);
    }

    private static int skipQuoted(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw refuse("a " + quote + "-quoted text must be closed", sql);
    }
}
