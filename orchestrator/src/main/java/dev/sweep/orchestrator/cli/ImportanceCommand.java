package dev.sweep.orchestrator.cli;

import dev.sweep.results.leaderboard.Leaderboards;
import dev.sweep.results.leaderboard.TextTables;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "importance", mixinStandardHelpOptions = true,
        header = "Estimate how much each param matters.",
        description = {"Estimates how much each param matters for the sweep's metric over its COMPLETE trials "
                + "(a random forest's importances, seeded with the sweep's seed, so repeated calls agree)."},
        footer = {"", "Examples:", "  sweep importance sst2-raster"})
final class ImportanceCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    ImportanceCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        try (ResultsStore store = openExistingStore()) {
            SweepRecord sweep = sweep(store, name);
            try {
                out().print(TextTables.importance(new Leaderboards(store).importance(sweep.id())));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            out().flush();
        }
        return ExitCode.OK;
    }
}
