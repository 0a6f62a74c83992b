package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.QueryResult;
import dev.sweep.results.store.ResultsStore;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        header = "Run a read-only SQL query on the results database.",
        description = {"Runs one read-only SQL query (SELECT, or WITH … SELECT) on the results database and prints "
                + "the rows as a table. Anything that would write is refused (exit code 2)."},
        footer = {"", "Examples:",
                "  sweep sql \"SELECT name, state FROM sweeps\"",
                "  sweep sql \"SELECT number, value FROM trials WHERE state = 'COMPLETE' ORDER BY value DESC LIMIT 5\""})
final class SqlCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "QUERY", description = "the SELECT statement (quote it)")
    String sql;

    SqlCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() {
        try (ResultsStore store = openExistingStore()) {
            QueryResult result;
            try {
                result = store.query(sql);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            TextTable table = new TextTable(result.columns(), cli.clock().getZone());
            for (List<Object> row : result.rows()) {
                table.add(row);
            }
            table.print(out());
            out().println("(" + result.rows().size() + (result.rows().size() == 1 ? " row)" : " rows)"));
            out().flush();
        }
        return ExitCode.OK;
    }
}
