package dev.sweep.search.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.study.Goal;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.study.TrialState;
import dev.sweep.search.study.TrialView;
import dev.sweep.search.testfunctions.TestFunction;
import dev.sweep.search.testfunctions.TestFunctions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU time of one proposal with 100, 500 and 1000 finished trials in the history (Hartmann6, uniformly random
 * points), median over 3 (bayes) or 15 proposals after as many warm-up ones, per sampler. Settings: {@code bench.sizes}
 * (100,500,1000), {@code bench.methods} (random,sobol,tpe,bayes).
 */
@Tag("benchmark")
class SuggestTimeBenchmark {

    @Test
    void suggestionTimes() {
        List<String> methods = List.of(System.getProperty("bench.methods", "random,sobol,tpe,bayes").split(","));
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100,500,1000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        TestFunction f = TestFunctions.hartmann6();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder table = new StringBuilder("| method |");
        for (int n : sizes) {
            table.append(" ms @").append(n).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(sizes.length)).append('\n');
        for (String m : methods) {
            table.append("| ").append(m).append(" |");
            for (int n : sizes) {
                List<TrialView> history = history(f, n);
                Study study = new Study(new StudyConfig(f.space(), SearchMethod.byKey(m).orElseThrow(), Goal.MINIMIZE,
                        1, null, 1, null));
                int reps = m.equals("bayes") ? 3 : 15;
                for (int w = 0; w < reps; w++) {
                    study.ask(history).orElseThrow(); // warm-up: let the JIT compile the hot paths
                }
                double[] ms = new double[reps];
                for (int r = 0; r < reps; r++) {
                    List<TrialView> h = new ArrayList<>(history);
                    h.add(new TrialView(n, n, 0, history.get(r).params(), TrialState.RUNNING, null, new TreeMap<>()));
                    long t0 = mx.getCurrentThreadCpuTime();
                    study.ask(h).orElseThrow();
                    ms[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                table.append(String.format(Locale.ROOT, " %.1f |", ms[reps / 2]));
                System.out.println(m + " @" + n + ": " + Arrays.toString(ms));
            }
            table.append('\n');
        }
        System.out.println();
        System.out.println("CPU ms per proposal (median), history of n finished Hartmann6 trials");
        System.out.print(table);
        assertTrue(table.length() > 0);
    }

    private static List<TrialView> history(TestFunction f, int n) {
        SplittableRandom rng = new SplittableRandom(n);
        List<TrialView> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[f.dimensions()];
            Map<String, Object> params = new HashMap<>();
            for (int j = 0; j < x.length; j++) {
                x[j] = rng.nextDouble();
                params.put(TestFunction.parameterName(j), x[j]);
            }
            h.add(new TrialView(i, i, 0, params, TrialState.COMPLETE, f.value(x), new TreeMap<>()));
        }
        return h;
    }

    public static void main(String[] args) {
        new SuggestTimeBenchmark().suggestionTimes();
    }
}
