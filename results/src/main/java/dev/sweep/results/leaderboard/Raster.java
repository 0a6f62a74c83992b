package dev.sweep.results.leaderboard;

import dev.sweep.search.study.Goal;
import java.util.List;

/**
 * A two-param raster (e.g. learning rate × batch size): one cell per pair of values seen, with the COMPLETE trials'
 * {@link Summary} (n, best, mean ± std over repeats and trials), and the pruned and failed trials of the cell beside.
 * {@code best} is the cell with the best mean by the goal (null when no cell has a value); its {@code best} flag is
 * set. Cells are row-major: {@code cells.get(r * colValues.size() + c)}.
 */
public record Raster(long sweepId, String sweep, String metric, Goal goal, String rowParam, String colParam,
                     List<Object> rowValues, List<Object> colValues, List<Cell> cells, Cell best,
                     StateCounts counts) {

    public Raster {
        rowValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rowValues));
        colValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(colValues));
        cells = List.copyOf(cells);
    }

    public Cell cell(int row, int col) {
        return cells.get(row * colValues.size() + col);
    }

    /** One cell; {@code row}/{@code col} are the param values (null: the trials lack that param). */
    public record Cell(Object row, Object col, Summary summary, int pruned, int failed, boolean best) {
    }
}
