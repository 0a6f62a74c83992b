package dev.sweep.search.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import dev.sweep.search.testfunctions.TestFunction;
import dev.sweep.search.testfunctions.TestFunctions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Median simple regret (best value found − global minimum) over seeds after 10, 25, 50 and 100 sequential
 * trials, per sampler and benchmark function, driven through {@link Study#ask} exactly as a sweep is. Random
 * search, measured in the same run, is the baseline ("÷random" columns: regret relative to random's at 50 and
 * 100). ms/trial is CPU time per proposal. Settings (system properties): {@code bench.seeds} (20),
 * {@code bench.trials} (100), {@code bench.methods} (random,sobol,tpe,bayes), {@code bench.functions}
 * (branin,hartmann6,rosenbrock), {@code bench.threads} (1).
 */
@Tag("benchmark")
class RegretBenchmark {

    static final int[] CHECKPOINTS = {10, 25, 50, 100};

    @Test
    void regretTable() throws InterruptedException, ExecutionException {
        int seeds = Integer.getInteger("bench.seeds", 20);
        int trials = Integer.getInteger("bench.trials", 100);
        int threads = Integer.getInteger("bench.threads", 1);
        List<String> methods = List.of(System.getProperty("bench.methods", "random,sobol,tpe,bayes").split(","));
        List<String> functions = List.of(System.getProperty("bench.functions", "branin,hartmann6,rosenbrock").split(","));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| function | method | @10 | @25 | @50 | @100 | @50 ÷random | @100 ÷random | ms/trial |%n"
                        + "|---|---|---|---|---|---|---|---|---|%n"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String fn : functions) {
                TestFunction f = TestFunctions.byName(fn, 5);
                double[] randomMedians = null;
                for (String m : methods) {
                    SearchMethod method = SearchMethod.byKey(m).orElseThrow();
                    List<Future<double[]>> runs = new ArrayList<>();
                    for (int s = 0; s < seeds; s++) {
                        long seed = s;
                        runs.add(pool.submit(() -> run(f, method, seed, trials)));
                    }
                    double[][] regrets = new double[CHECKPOINTS.length][seeds];
                    double cpuMs = 0;
                    for (int s = 0; s < seeds; s++) {
                        double[] r = runs.get(s).get();
                        for (int c = 0; c < CHECKPOINTS.length; c++) {
                            regrets[c][s] = r[c];
                        }
                        cpuMs += r[CHECKPOINTS.length];
                    }
                    double[] medians = Arrays.stream(regrets).mapToDouble(RegretBenchmark::median).toArray();
                    if (m.equals("random")) {
                        randomMedians = medians;
                    }
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", fn, m));
                    for (double v : medians) {
                        row.append(String.format(Locale.ROOT, " %.4g |", v));
                    }
                    for (int c = 2; c < 4; c++) {
                        row.append(randomMedians == null ? " – |"
                                : String.format(Locale.ROOT, " %.3g |", medians[c] / randomMedians[c]));
                    }
                    row.append(String.format(Locale.ROOT, " %.1f |%n", cpuMs / (seeds * (double) trials)));
                    System.out.print(row);
                    System.out.flush();
                    table.append(row);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println();
        System.out.println("median simple regret over " + seeds + " seeds (0.." + (seeds - 1) + "), " + trials
                + " sequential trials");
        System.out.print(table);
        assertTrue(table.length() > 0);
    }

    /** Regret after each checkpoint of one sequential run, then the CPU milliseconds the run took. */
    static double[] run(TestFunction f, SearchMethod method, long seed, int trials) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        Study study = new Study(new StudyConfig(f.space(), method, Goal.MINIMIZE, seed, trials, 1, null));
        List<TrialView> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        double[] out = new double[CHECKPOINTS.length + 1];
        Arrays.fill(out, Double.NaN);
        for (int t = 0; t < trials; t++) {
            TrialProposal p = study.ask(history).orElseThrow();
            double v = f.value(p.params());
            best = Math.min(best, v);
            history.add(new TrialView(p.number(), p.config(), p.repeat(), p.params(), TrialState.COMPLETE, v,
                    new TreeMap<>()));
            for (int c = 0; c < CHECKPOINTS.length; c++) {
                if (t + 1 == CHECKPOINTS[c]) {
                    out[c] = best - f.optimum();
                }
            }
        }
        out[CHECKPOINTS.length] = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6;
        return out;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public static void main(String[] args) throws Exception {
        new RegretBenchmark().regretTable();
    }
}
