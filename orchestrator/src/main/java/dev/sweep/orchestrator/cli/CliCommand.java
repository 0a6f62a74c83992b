package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the context, the root's options, the store, printing. */
abstract class CliCommand implements Callable<Integer> {

    protected final CliContext cli;

    @Spec
    CommandSpec spec;

    protected CliCommand(CliContext cli) {
        this.cli = cli;
    }

    protected SweepCommand root() {
        return (SweepCommand) spec.root().userObject();
    }

    protected StoreLocation location() {
        return StoreLocation.resolve(root().db, cli.env(), cli.workingDir());
    }

    /** Opens the results store, creating the database when there is none. */
    protected ResultsStore openStore() {
        return cli.stores().open(location());
    }

    /** Opens the results store; refuses (exit 2) instead of creating an empty database. */
    protected ResultsStore openExistingStore() {
        StoreLocation location = location();
        if (!location.exists()) {
            throw new UserInputException("no results database at " + location.describe()
                    + " yet (start a sweep with: sweep run <file>, or point --db / $" + StoreLocation.ENV
                    + " at an existing one)");
        }
        return cli.stores().open(location);
    }

    protected SweepRecord sweep(ResultsStore store, String name) {
        return store.findSweep(name).orElseThrow(() -> UserInputException.unknownSweep(name, location()));
    }

    protected PrintWriter out() {
        return cli.out();
    }

    protected PrintWriter err() {
        return cli.err();
    }
}
