package dev.sweep.orchestrator.cli;

import dev.sweep.dashboards.live.DashboardServer;
import dev.sweep.results.store.ResultsStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        header = "Serve the live dashboard.",
        description = {"Serves the live dashboard: every sweep, and per sweep its progress, leaderboard and curves, "
                + "refreshing while trials run. Read-only; binds 127.0.0.1 unless told otherwise. Runs until "
                + "Ctrl-C."},
        footer = {"", "Examples:", "  sweep dashboard", "  sweep dashboard --port 9000",
                "  ssh -L 8765:127.0.0.1:8765 gpu-box   # then open http://127.0.0.1:8765/ on your laptop"})
final class DashboardCommand extends CliCommand {

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = DashboardServer.Options.DEFAULT_HOST,
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DashboardServer.Options.DEFAULT_PORT,
            description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "3",
            description = "how often the pages refresh, in seconds (default: ${DEFAULT-VALUE})")
    int pollSeconds;

    DashboardCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        DashboardServer.Options options;
        try {
            options = DashboardServer.Options.defaults().withHost(host).withPort(port)
                    .withPoll(Duration.ofSeconds(pollSeconds));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (ResultsStore store = openStore();
             DashboardServer server = DashboardServer.start(store, options, cli.clock());
             InterruptSource.Installed ignored = cli.interrupts().install(press -> stop.countDown())) {
            out().println("dashboard of " + location().describe() + " at " + server.uri() + " (Ctrl-C to stop)");
            out().flush();
            stop.await();
            out().println("dashboard stopped");
            out().flush();
        } catch (java.net.BindException e) {
            throw new UserInputException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); pick another with --port");
        }
        return ExitCode.OK;
    }
}
