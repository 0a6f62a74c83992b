package dev.sweep.orchestrator.cli;

import dev.sweep.results.leaderboard.Leaderboards;
import dev.sweep.results.leaderboard.TextTables;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compare the values of one param within a sweep.",
        description = {"Compares the values of one param within a sweep: per value the number of trials, best, "
                + "mean ± std, the best trial and its step, final losses, pruned and failed counts, and paired "
                + "tests (t-test, Wilcoxon) against the best value over shared seeds."},
        footer = {"", "Examples:", "  sweep compare optimizer-comparison --by optimizer",
                "  sweep compare sst2-raster --by batch_size"})
final class CompareCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Option(names = "--by", required = true, paramLabel = "PARAM", description = "the param to group trials by")
    String param;

    CompareCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            try {
                out().print(TextTables.comparison(new Leaderboards(store).compare(sweep.id(), param)));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            out().flush();
        }
        return ExitCode.OK;
    }
}
