package dev.sweep.worker.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a dataset file into rows of cells with their 1-based line numbers. Strict UTF-8 (a line that is not valid
 * UTF-8 is a bad row), a leading byte-order mark is dropped, CRLF and LF both end a line, blank lines are skipped.
 */
final class TableReader {

    /** One row: its first line in the file and its cells. */
    record Row(long line, List<String> cells) {
    }

    /** A file's header (null when it has none), rows, and rows that could not be decoded. */
    record Table(String file, List<String> header, long headerLine, List<Row> rows, List<BadRow> badRows) {
    }

    private TableReader() {
    }

    /**
     * @param file    the file to read
     * @param display the file's name in messages (as the user wrote it, or relative to the data folder)
     */
    static Table read(Path file, String display, TableFormat format, boolean header) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(display + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        List<BadRow> bad = new ArrayList<>();
        List<Row> lines = decodeLines(bytes, display, bad);
        List<Row> rows = switch (format) {
            case TSV -> lines.stream().map(r -> new Row(r.line(), Arrays.asList(r.cells().get(0).split("\t", -1))))
                    .toList();
            case LABEL_SPACE -> lines.stream().map(TableReader::labelSpace).toList();
            case CSV -> bad.isEmpty() ? csv(lines, display) : List.of();
        };
        if (!header) {
            return new Table(display, null, 0, rows, bad);
        }
        if (rows.isEmpty()) {
            throw new DatasetException(display + ": the file is empty, but a header line was expected");
        }
        return new Table(display, List.copyOf(rows.get(0).cells()), rows.get(0).line(), rows.subList(1, rows.size()),
                bad);
    }

    private static Row labelSpace(Row line) {
        String text = line.cells().get(0);
        int space = text.indexOf(' ');
        return new Row(line.line(), space < 0 ? List.of(text)
                : List.of(text.substring(0, space), text.substring(space + 1)));
    }

    /** Non-blank lines, each as a one-cell row; invalid UTF-8 lines go to {@code bad}. */
    private static List<Row> decodeLines(byte[] bytes, String display, List<BadRow> bad) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Row> rows = new ArrayList<>();
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            // fast path: the whole file is valid UTF-8
            String text = utf8.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
            long line = 1;
            for (String s : text.split("\n", -1)) {
                String stripped = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                if (!stripped.isBlank()) {
                    rows.add(new Row(line, List.of(stripped)));
                }
                line++;
            }
            return rows;
        } catch (CharacterCodingException e) {
            rows.clear(); // slow path below finds the lines that are not valid UTF-8
        }
        long line = 1;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try {
                CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, start, stop - start));
                String text = chars.toString();
                if (!text.isBlank()) {
                    rows.add(new Row(line, List.of(text)));
                }
            } catch (CharacterCodingException e) {
                bad.add(new BadRow(display, line, "not valid UTF-8 (" + firstInvalidByte(bytes, start, stop) + ")"));
            }
            start = end + 1;
            line++;
        }
        return rows;
    }

    private static String firstInvalidByte(byte[] bytes, int start, int stop) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        for (int end = start + 1; end <= stop; end++) {
            try {
                utf8.reset().decode(ByteBuffer.wrap(bytes, start, end - start));
            } catch (CharacterCodingException e) {
                // the shortest failing prefix ends at (or just after) the bad byte
                int at = end - 1;
                return String.format("byte 0x%02X at byte offset %d of the line", bytes[at] & 0xFF, at - start);
            }
        }
        return "truncated sequence at the end of the line";
    }

    private static List<Row> csv(List<Row> lines, String display) {
        if (lines.isEmpty()) {
            return List.of();
        }
        // rebuild the text with the original line numbers (blank lines as empty lines) for the parser
        StringBuilder text = new StringBuilder();
        long next = 1;
        for (Row r : lines) {
            while (next < r.line()) {
                text.append('\n');
                next++;
            }
            text.append(r.cells().get(0)).append('\n');
            next++;
        }
        CsvMapper mapper = new CsvMapper();
        List<Row> rows = new ArrayList<>();
        long rowStart = 1; // where the row being read starts: after the previous row's end
        try (JsonParser parser = mapper.reader().with(CsvSchema.emptySchema())
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .createParser(text.toString())) {
            JsonToken token = parser.nextToken(); // the outer array
            while (token != null && (token = parser.nextToken()) == JsonToken.START_ARRAY) {
                List<String> cells = new ArrayList<>();
                long line = -1;
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (line < 0) {
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                }
                rows.add(new Row(line, cells));
                rowStart = parser.currentLocation().getLineNr();
            }
        } catch (JsonProcessingException e) {
            throw new DatasetException(display + " line " + rowStart + ": not valid CSV (" + e.getOriginalMessage()
                    + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
