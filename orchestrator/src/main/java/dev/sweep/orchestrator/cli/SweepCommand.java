package dev.sweep.orchestrator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code sweep} command: global options and the list of subcommands. */
@Command(name = "sweep", mixinStandardHelpOptions = true, version = "sweep 0.1.0",
        description = {"Hyperparameter sweeps for fine-tuning BERT-family models (or any program) on one "
                + "multi-GPU or CPU server: write a YAML sweep file, launch it (now or on a schedule), and query "
                + "results and leaderboards the next morning."},
        subcommands = {RunCommand.class, ResumeCommand.class, StatusCommand.class, TopCommand.class,
                CompareCommand.class, CompareSweepsCommand.class, ImportanceCommand.class, TrialsCommand.class,
                CurvesCommand.class, ExportCommand.class, SqlCommand.class, CancelCommand.class,
                ScheduleCommand.class, SchedulerCommand.class, ReportCommand.class, DashboardCommand.class,
                ExportModelCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  sweep run sweeps/sst2-raster.yaml --workers 2",
                "  sweep status",
                "  sweep top sst2-raster -k 5 --pivot learning_rate,batch_size",
                "  sweep schedule sweeps/sst2-raster.yaml --cron \"0 0 22 * * ?\" --stop-launching-at 07:00",
                "",
                "Exit codes: 0 ok, 1 failure at run time, 2 bad input (bad sweep file or arguments, refused SQL, "
                        + "unknown sweep), 130 stopped by Ctrl-C.",
                "Results database: --db, else $SWEEP_DB, else runs/sweep under the working directory "
                        + "(the ./sweep launcher picks the repository's runs/ when called inside it)."})
public final class SweepCommand implements Callable<Integer> {

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "PATH|URL",
            description = "the results database: an H2 file path (stored as PATH.mv.db) or a jdbc: URL "
                    + "(default: $SWEEP_DB, else runs/sweep)")
    String db;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "log what happens (DEBUG) and print stack traces of errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed, e.g. sweep run <file> or sweep status");
    }

    /** The command line with every subcommand built around {@code cli}, its printers and error handling. */
    public static CommandLine commandLine(CliContext cli) {
        CommandLine cmd = new CommandLine(new SweepCommand(), new CommandFactory(cli));
        ErrorReporting errors = new ErrorReporting();
        cmd.setOut(cli.out());
        cmd.setErr(cli.err());
        cmd.setParameterExceptionHandler(errors);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setAbbreviatedOptionsAllowed(false);
        cmd.setExecutionStrategy(parseResult -> {
            if (parseResult.commandSpec().root().userObject() instanceof SweepCommand root && root.verbose
                    && LoggerFactory.getLogger("dev.sweep") instanceof Logger logger) {
                logger.setLevel(Level.DEBUG);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }
}
