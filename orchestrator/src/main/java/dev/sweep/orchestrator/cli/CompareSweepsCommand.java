package dev.sweep.orchestrator.cli;

import dev.sweep.results.leaderboard.Leaderboards;
import dev.sweep.results.leaderboard.TextTables;
import dev.sweep.results.store.ResultsStore;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "compare-sweeps", mixinStandardHelpOptions = true,
        header = "Put sweeps side by side.",
        description = {"Puts sweeps side by side: metric, goal, number of COMPLETE trials, best, mean ± std, best "
                + "trial, pruned, failed and unfinished counts; the best marked when they share metric and goal."},
        footer = {"", "Examples:", "  sweep compare-sweeps sst2-raster sst2-raster-v2",
                "  sweep compare-sweeps mrpc-minilm mrpc-bge mrpc-e5"})
final class CompareSweepsCommand extends CliCommand {

    @Parameters(arity = "2..*", paramLabel = "SWEEP", description = "two or more sweeps' names")
    List<String> names;

    CompareSweepsCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        try (ResultsStore store = openExistingStore()) {
            List<Long> ids = names.stream().map(n -> sweep(store, n).id()).toList();
            out().print(TextTables.sweeps(new Leaderboards(store).compareSweeps(ids)));
            out().flush();
        }
        return ExitCode.OK;
    }
}
