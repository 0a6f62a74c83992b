package dev.sweep.results.h2;

import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.SweepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * query() may only read: a corpus of statements that write, lock, change settings, touch files or smuggle a second
 * statement is refused, and after each the database (its full SCRIPT dump and its settings) and the folder are as
 * they were. The same corpus without the lexical guard shows the reader user and the rolled-back read-only
 * transaction hold on their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyQueryTest {

    private Path dir;
    private H2ResultsStore store;
    private String before;
    private Connection admin;

    @BeforeAll
    void fill(@TempDir Path tempDir) throws SQLException {
        dir = tempDir;
        store = H2ResultsStore.open("jdbc:h2:mem:query-test");
        admin = DriverManager.getConnection(store.url(), "sa", "");
        SweepRecord sweep = aSweep().named("q").maximizing("val_accuracy").createdIn(store);
        aCompletedTrial().number(1).withParam("learning_rate", 1e-4).withValue(0.8).withCurve("val_accuracy", 0.7, 0.8)
                .runIn(store, sweep);
        before = fingerprint();
    }

    @AfterAll
    void close() throws SQLException {
        admin.close();
        store.close();
    }

    Stream<String> nasty() {
        String f = dir.toString().replace("'", "''");
        return Stream.of(
                "DELETE FROM trials",
                "UPDATE trials SET value = 0",
                "INSERT INTO sweeps (name, spec_text, spec_hash, metric, goal, seed, state) "
                        + "VALUES ('x', '', '', 'm', 'minimize', 1, 'CREATED')",
                "MERGE INTO provenance KEY (trial_id, key) VALUES (1, 'k', 'v')",
                "DROP TABLE trial_metrics",
                "TRUNCATE TABLE trial_metrics",
                "ALTER TABLE trials ADD COLUMN x INT",
                "CREATE TABLE evil (a INT)",
                "CREATE LOCAL TEMPORARY TABLE evil (a INT)",
                "SELECT 1; DELETE FROM trials",
                "SELECT 1;\nDROP TABLE trials;",
                "SELECT 1 -- comment\r; DROP TABLE trials",
                "SELECT 1 /* a /* nested */ comment */; DELETE FROM trials",
                "SELECT $$x$$; DELETE FROM trials",
                "/* hello */ DELETE FROM trials",
                "SELECT * FROM trials FOR UPDATE",
                "select * from trials for update",
                "SELECT * FROM FINAL TABLE (INSERT INTO provenance (trial_id, key, value) VALUES (1, 'k', 'v'))",
                "SELECT * FROM NEW TABLE (UPDATE trials SET state = 'FAILED')",
                "SELECT * FROM OLD TABLE (DELETE FROM trial_metrics)",
                "WITH x AS (SELECT 1) DELETE FROM trials",
                "SELECT id FROM trials UNION SELECT trial_id FROM OLD TABLE (DELETE FROM provenance)",
                "SELECT CSVWRITE('" + f + "/dump.csv', 'SELECT * FROM trials')",
                "SELECT FILE_WRITE('owned', '" + f + "/owned.txt')",
                "SELECT FILE_READ('/etc/passwd')",
                "SELECT * FROM CSVREAD('/etc/passwd')",
                "SELECT LINK_SCHEMA('X', '', 'jdbc:h2:mem:x', 'sa', '', 'PUBLIC')",
                "CREATE LINKED TABLE evil ('', 'jdbc:h2:mem:x', 'sa', '', 'T')",
                "CREATE ALIAS SHELL AS 'String shell(String c) throws Exception { return c; }'",
                "CALL 1",
                "EXPLAIN SELECT 1",
                "EXPLAIN ANALYZE SELECT * FROM FINAL TABLE (INSERT INTO provenance (trial_id, key, value) "
                        + "VALUES (1, 'k2', 'v'))",
                "SET WRITE_DELAY 1000",
                "SET NON_KEYWORDS VALUE",
                "SELECT SET(@x, 1)",
                "SCRIPT TO '" + f + "/dump.sql'",
                "RUNSCRIPT FROM '" + f + "/dump.sql'",
                "BACKUP TO '" + f + "/backup.zip'",
                "SHUTDOWN",
                "CHECKPOINT",
                "COMMIT",
                "GRANT ALL ON SCHEMA PUBLIC TO sweep_reader",
                "ALTER USER sweep_reader ADMIN TRUE",
                "CREATE USER evil PASSWORD 'x' ADMIN",
                "SELECT NEXT VALUE FOR seq",
                "SELECT next  /* x */ value FOR seq",
                "SELECT ABORT_SESSION(1)",
                "SELECT CAST(X'aced0005' AS JAVA_OBJECT)",
                "VALUES 1",
                "TABLE trials",
                "",
                "   ",
                ";",
                "SELECT 1;;",
                "SELECT 'unterminated",
                "SELECT 1 /* unterminated",
                "SELECT * FROM trials; -- trailing statement\nUPDATE trials SET value = 1");
    }

    @ParameterizedTest
    @MethodSource("nasty")
    void aStatementThatCouldChangeAnythingIsRefusedAndChangesNothing(String sql) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> store.query(sql));
        assertUnchanged();
    }

    @ParameterizedTest
    @MethodSource("nasty")
    void withoutTheLexicalGuardTheReaderUserStillChangesNothing(String sql) throws Exception {
        try {
            store.queryWithoutGuard(sql);
        } catch (IllegalArgumentException refused) {
            // refused by H2: no rights, not a query, or a syntax error
        }
        assertUnchanged();
    }

    @Test
    void writesAndAdminFunctionsAreRefusedByTheReaderUserAlone() {
        for (String sql : List.of("SELECT * FROM FINAL TABLE (INSERT INTO provenance (trial_id, key, value) "
                        + "VALUES (1, 'k', 'v'))", "SELECT * FROM OLD TABLE (DELETE FROM trial_metrics)",
                "SELECT FILE_READ('/etc/passwd')", "SELECT CSVWRITE('" + dir + "/x.csv', 'SELECT 1')",
                "DELETE FROM trials", "SET WRITE_DELAY 1000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.queryWithoutGuard(sql), sql);
            assertTrue(e.getMessage().contains("rights") || e.getMessage().contains("only allowed for a query"),
                    e.getMessage());
        }
    }

    @Test
    void readsWithKeywordsInStringsCommentsAndQuotedNamesAreAllowed() {
        QueryResult r = store.query("""
                -- the best trial; DELETE in a comment is fine
                WITH best AS (SELECT number, value FROM v_leaderboard WHERE sweep = 'q' AND rank = 1)
                SELECT number, value, 'DELETE; UPDATE' AS "update", $$SET x$$ AS s
                FROM best /* FOR UPDATE */ ORDER BY number;
                """);
        assertEquals(List.of("NUMBER", "VALUE", "update", "S"), r.columns());
        assertEquals(List.of(List.of(1, 0.8, "DELETE; UPDATE", "SET x")), r.rows());
        assertEquals(2L, store.query("(SELECT COUNT(*) FROM v_curves) UNION (SELECT 5) ORDER BY 1")
                .rows().get(0).get(0));
        assertEquals(List.of(List.of("complete")), store.query("SELECT LOWER(REPLACE(state, 'X', 'Y')) FROM trials "
                + "ORDER BY number FETCH NEXT 1 ROWS ONLY").rows());
    }

    @Test
    void aSyntaxErrorIsReportedAsARefusedQuery() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.query("SELECT nope FROM trials"));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
    }

    @Test
    void theReaderUrlDropsSettingsOnlyAnAdminMayGive() {
        assertEquals("jdbc:h2:file:/x/y;AUTO_SERVER=TRUE;NON_KEYWORDS=VALUE,KEY", ReadOnlyQuery.readerUrl(
                "jdbc:h2:file:/x/y;AUTO_SERVER=TRUE;WRITE_DELAY=0;NON_KEYWORDS=VALUE,KEY"));
    }

    private void assertUnchanged() throws SQLException, IOException {
        assertEquals(before, fingerprint());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** The whole database as SQL (schema, users, rights, data) plus its settings, read as admin. */
    private String fingerprint() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement st = admin.createStatement()) {
            try (ResultSet rs = st.executeQuery("SCRIPT")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                    + "WHERE SETTING_NAME NOT LIKE 'info.%' ORDER BY 1")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('=').append(rs.getString(2)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
