package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.engine.SweepRunner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sweeps this process is running now (one for {@code sweep run}; any number under the scheduler daemon),
 * stopped together by Ctrl-C. A sweep that starts after a stop was requested is stopped the same way at once.
 */
final class RunningSweeps implements Stoppable {

    private final Set<SweepRunner> runners = ConcurrentHashMap.newKeySet();
    private volatile int level; // 0 none, 1 graceful, 2 hard

    void add(SweepRunner runner) {
        runners.add(runner);
        apply(runner, level);
    }

    void remove(SweepRunner runner) {
        runners.remove(runner);
    }

    boolean stopping() {
        return level > 0;
    }

    int size() {
        return runners.size();
    }

    @Override
    public void requestGracefulStop() {
        level = Math.max(level, 1);
        runners.forEach(r -> apply(r, 1));
    }

    @Override
    public void requestHardStop() {
        level = 2;
        runners.forEach(r -> apply(r, 2));
    }

    private static void apply(SweepRunner runner, int level) {
        if (level >= 1) {
            runner.requestGracefulStop();
        }
        if (level >= 2) {
            runner.requestHardStop();
        }
    }
}
