package dev.sweep.results.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTablesTest {

    private final ResultsStore store = new InMemoryResultsStore();
    private final SweepRecord sweep = RasterSweep.createIn(store, "raster");
    private final Leaderboards boards = new Leaderboards(store);

    @Test
    void theLeaderboardIsAlignedWithNumbersOnTheRight() {
        String text = TextTables.leaderboard(boards.top(sweep.id(), 3));
        assertEquals("""
                sweep raster — val_accuracy (maximize)
                rank  trial  val_accuracy  batch_size  learning_rate  optimizer  state     duration
                ----  -----  ------------  ----------  -------------  ---------  --------  --------
                   1      6        0.8900          16         0.0001  adamw      COMPLETE  1m30s
                   2      5        0.8500          16         0.0001  adamw      COMPLETE  1m30s
                   3      7        0.8400          32         0.0001  adamw      COMPLETE  1m30s
                trials: 7 complete, 1 pruned, 1 failed, 0 unfinished, 0 cancelled
                """, text);
    }

    @Test
    void theRasterShowsMeanStdAndNAndMarksTheBestCell() {
        String text = TextTables.raster(boards.pivot(sweep.id(), "learning_rate", "batch_size"));
        assertEquals("""
                sweep raster — val_accuracy (maximize)
                learning_rate \\ batch_size                       16                       32
                --------------------------  -----------------------  -----------------------
                                   0.00001  0.8100 ± 0.0141 (n=2)    0.7900 ± 0.0141 (n=2)
                                    0.0001  0.8700 ± 0.0283 (n=2) *           0.8400 (n=1)
                * best mean: learning_rate=0.0001, batch_size=16 (best trial value in cell 0.8900)
                trials: 7 complete, 1 pruned, 1 failed, 0 unfinished, 0 cancelled
                """, text);
    }

    @Test
    void theComparisonListsGroupsWithTheirTests() {
        String text = TextTables.comparison(boards.compare(sweep.id(), "learning_rate"));
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(1).startsWith("learning_rate  n"), text);
        assertTrue(lines.get(3).startsWith("    0.00001    4"), text);
        assertTrue(lines.get(3).contains("0.8000 ± 0.0163"), text);
        assertTrue(lines.get(3).contains("0.1166"), text);
        assertTrue(lines.get(4).contains("0.0001 *"), text);
    }

    @Test
    void formatsReadAsAPersonWritesThem() {
        assertEquals("0.00002", TextTables.param(2e-5));
        assertEquals("32", TextTables.param(32L));
        assertEquals("32", TextTables.param(32.0));
        assertEquals("0.1", TextTables.param(0.1));
        assertEquals("(none)", TextTables.param(null));
        assertEquals("1.235e-05", TextTables.num(1.2345e-5));
        assertEquals("0.8123", TextTables.num(0.81234));
        assertEquals("", TextTables.num(Double.NaN));
        assertEquals("0.8100", TextTables.meanStd(Summary.of(List.of(0.81), dev.sweep.search.study.Goal.MAXIMIZE)));
        assertEquals("1h02m", TextTables.duration(java.time.Duration.ofSeconds(3725)));
        assertEquals("<1e-4", TextTables.pValue(1e-6));
    }

    @Test
    void sweepsHistoryAndImportanceRender() {
        assertTrue(TextTables.sweeps(boards.compareSweeps(List.of(sweep.id()))).contains("raster *"));
        String history = TextTables.history(boards.history(sweep.id()));
        assertTrue(history.lines().anyMatch(l -> l.matches("\\s+6\\s+COMPLETE\\s+0\\.8900\\s+0\\.8900\\s+\\*")),
                history);
        assertTrue(TextTables.importance(boards.importance(sweep.id())).contains("learning_rate"));
    }
}
