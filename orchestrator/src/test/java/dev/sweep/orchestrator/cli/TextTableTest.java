package dev.sweep.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsArePaddedAndNumbersRightAligned() {
        TextTable table = new TextTable(List.of("trial", "optimizer", "value"), ZoneOffset.UTC);
        table.add(Arrays.asList(1, "adamw", 0.91234567));
        table.add(Arrays.asList(12, "sgd", null));
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out));
        assertEquals(String.join(System.lineSeparator(),
                "trial  optimizer     value",
                "-----  ---------  --------",
                "    1  adamw      0.912346",
                "   12  sgd",
                ""), out.toString());
    }

    @Test
    void doublesPrintCompactly() {
        assertEquals("0.1", TextTable.formatDouble(0.1));
        assertEquals("2e-05", TextTable.formatDouble(2e-5));
        assertEquals("1.2346e-05", TextTable.formatDouble(1.23456e-5));
        assertEquals("123457", TextTable.formatDouble(123456.7));
        assertEquals("0", TextTable.formatDouble(0.0));
    }
}
