package dev.sweep.orchestrator.cli;

import dev.sweep.results.leaderboard.Leaderboards;
import dev.sweep.results.leaderboard.TextTables;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "top", mixinStandardHelpOptions = true,
        header = "Print the leaderboard of a sweep, or a raster of two params.",
        description = {"Prints a sweep's leaderboard: the best k COMPLETE trials by the sweep's metric and goal, "
                + "with their params, state and duration. With --pivot, a raster of two params instead: mean ± std "
                + "of the metric per pair of values, the best cell marked."},
        footer = {"", "Examples:", "  sweep top sst2-raster", "  sweep top sst2-raster -k 3",
                "  sweep top sst2-raster --pivot learning_rate,batch_size"})
final class TopCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Option(names = {"-k", "--top"}, paramLabel = "K", defaultValue = "10",
            description = "how many trials (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--pivot", split = ",", paramLabel = "PARAM",
            description = "two params, ROW,COLUMN: a raster of mean values with one row per value of the first and one column per value of the second")
    List<String> pivot;

    TopCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        if (k < 1) {
            throw new UserInputException("-k >= 1 must hold, but got " + k);
        }
        if (pivot != null && pivot.size() != 2) {
            throw new UserInputException("--pivot needs two params, e.g. --pivot learning_rate,batch_size, but got "
                    + pivot);
        }
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            Leaderboards boards = new Leaderboards(store);
            try {
                out().print(pivot == null ? TextTables.leaderboard(boards.top(sweep.id(), k))
                        : TextTables.raster(boards.pivot(sweep.id(), pivot.get(0), pivot.get(1))));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            out().flush();
        }
        return ExitCode.OK;
    }
}
