package dev.sweep.orchestrator.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree by walking the Jackson YAML parser's tokens, keeping each node's
 * line and column. Duplicate keys and aliases are reported to {@link Problems} and reading goes on; a syntax error
 * ends reading (the parser cannot recover) and is reported at the YAML parser's position.
 */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private final Problems problems;
    private YAMLParser parser;

    YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when the text is empty or not valid YAML (the error is then recorded). */
    Optional<YamlNode> read(String text) {
        try (YAMLParser p = FACTORY.createParser(text)) {
            this.parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = node(first, "");
            JsonToken extra = p.nextToken();
            if (extra != null) {
                problems.at(mark(), "", "a sweep file holds one YAML document, but a second one starts here");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private YamlNode node(JsonToken token, String path) throws IOException {
        YamlNode.Mark at = mark();
        return switch (token) {
            case START_OBJECT -> mapping(at, path);
            case START_ARRAY -> sequence(at, path);
            default -> scalar(token, at, path);
        };
    }

    private YamlNode mapping(YamlNode.Mark at, String path) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, YamlNode.Mark> seen = new HashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            YamlNode.Mark keyMark = mark();
            YamlNode value = node(parser.nextToken(), YamlNode.child(path, key));
            YamlNode.Mark first = seen.putIfAbsent(key, keyMark);
            if (first != null) {
                problems.at(keyMark, YamlNode.child(path, key), "duplicate key '" + key + "' (first set at "
                        + first.line() + ":" + first.column() + "); a key may appear once in a mapping");
            } else {
                entries.add(new YamlNode.Entry(key, keyMark, value));
            }
        }
        expect(t, JsonToken.END_OBJECT);
        return new YamlNode.Mapping(at, path, entries);
    }

    private YamlNode sequence(YamlNode.Mark at, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
            items.add(node(t, path + "[" + items.size() + "]"));
        }
        expect(t, JsonToken.END_ARRAY);
        return new YamlNode.Sequence(at, path, items);
    }

    private YamlNode scalar(JsonToken token, YamlNode.Mark at, String path) throws IOException {
        if (parser.isCurrentAlias()) {
            problems.at(at, path, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
            return new YamlNode.Scalar(at, path, null);
        }
        Object value = switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> integer(at, path);
            case VALUE_NUMBER_FLOAT -> real();
            case VALUE_STRING -> parser.getText();
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + at);
        };
        return new YamlNode.Scalar(at, path, value);
    }

    private Object integer(YamlNode.Mark at, String path) throws IOException {
        try {
            Number n = parser.getNumberValue();
            if (n instanceof BigInteger) {
                problems.at(at, path, "integers must fit in 64 bits, but got " + parser.getText());
                return parser.getText();
            }
            return n;
        } catch (JsonProcessingException e) {
            return parser.getText();
        }
    }

    private Object real() throws IOException {
        String text = parser.getText().trim();
        return switch (text) {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF" -> Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN" -> Double.NaN;
            default -> {
                try {
                    yield parser.getDoubleValue();
                } catch (JsonProcessingException e) {
                    yield text;
                }
            }
        };
    }

    private void expect(JsonToken actual, JsonToken wanted) {
        if (actual != wanted) {
            throw new IllegalStateException("YAML parser gave " + actual + " where " + wanted + " was expected");
        }
    }

    private YamlNode.Mark mark() {
        JsonLocation l = parser.currentTokenLocation();
        return new YamlNode.Mark(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** Reports a syntax error at the YAML parser's own problem position, with its context ("while parsing …"). */
    private void syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            Mark m = y.getProblemMark();
            String context = y.getContext() == null ? "" : " (" + y.getContext()
                    + (y.getContextMark() == null ? "" : " started at " + (y.getContextMark().getLine() + 1) + ":"
                    + (y.getContextMark().getColumn() + 1)) + ")";
            problems.at(new YamlNode.Mark(m.getLine() + 1, m.getColumn() + 1), "",
                    "YAML syntax error: " + oneLine(y.getProblem()) + context);
            return;
        }
        JsonLocation l = e.getLocation();
        YamlNode.Mark at = l == null ? new YamlNode.Mark(1, 1)
                : new YamlNode.Mark(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        problems.at(at, "", "YAML syntax error: " + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable YAML" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
