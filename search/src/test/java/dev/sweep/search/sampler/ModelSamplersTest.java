package dev.sweep.search.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialView;
import dev.sweep.search.study.TrialViews;
import dev.sweep.search.testfunctions.TestFunction;
import dev.sweep.search.testfunctions.TestFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** TPE and GP specifics: their start-up designs, and that their models actually steer the search. */
class ModelSamplersTest {

    private static List<TrialProposal> run(SearchSpace space, SearchMethod m, Goal goal, long seed, int trials,
                                           ToDoubleFunction<Map<String, Object>> f) {
        Study study = new Study(new StudyConfig(space, m, goal, seed, trials, 1, null));
        List<TrialView> history = new ArrayList<>();
        List<TrialProposal> out = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            TrialProposal p = study.ask(history).orElseThrow();
            out.add(p);
            history.add(TrialViews.completed(p, f.applyAsDouble(p.params())));
        }
        return out;
    }

    @Test
    void optunasDefaultWeightsAreFlatThenRamp() {
        assertArrayEquals(new double[]{1, 1, 1}, TpeSampler.defaultWeights(3));
        double[] w = TpeSampler.defaultWeights(30);
        assertEquals(1.0 / 30, w[0], 1e-12);
        assertEquals(1.0, w[4], 1e-12);
        assertEquals(0.5166666666666667, w[2], 1e-12, "linspace(1/30, 1, 5)[2]");
        assertEquals(1.0, w[29]);
    }

    @Test
    void startupProposalsAreTheSobolSequence() {
        TestFunction f = TestFunctions.branin();
        SpaceCodec codec = new SpaceCodec(f.space());
        for (SearchMethod m : List.of(SearchMethod.TPE, SearchMethod.BAYES)) {
            List<TrialProposal> ps = run(f.space(), m, Goal.MINIMIZE, 3, 5, f::value);
            for (int c = 0; c < 5; c++) {
                assertEquals(new SobolSampler(3).configuration(codec, c), ps.get(c).params(), m + " proposal " + c);
            }
        }
    }

    @Test
    void tpeBeatsRandomSearchOnAQuadraticWithIntsAndCategoricals() {
        SearchSpace space = SearchSpace.of(List.of(
                new Parameter("lr", FloatDistribution.logUniform(1e-6, 1)),
                new Parameter("layers", IntDistribution.of(1, 12)),
                new Parameter("act", CategoricalDistribution.of("relu", "gelu", "tanh", "swish"))));
        ToDoubleFunction<Map<String, Object>> f = p -> {
            double lr = Math.log10((Double) p.get("lr")) + 3;
            double layers = ((Long) p.get("layers") - 7) / 3.0;
            return lr * lr + layers * layers + ("gelu".equals(p.get("act")) ? 0 : 1);
        };
        double tpe = 0;
        double random = 0;
        int gelu = 0;
        for (long seed = 0; seed < 4; seed++) {
            List<TrialProposal> t = run(space, SearchMethod.TPE, Goal.MINIMIZE, seed, 60, f);
            tpe += t.stream().mapToDouble(p -> f.applyAsDouble(p.params())).min().orElseThrow();
            gelu += (int) t.subList(40, 60).stream().filter(p -> "gelu".equals(p.params().get("act"))).count();
            random += run(space, SearchMethod.RANDOM, Goal.MINIMIZE, seed, 60, f).stream()
                    .mapToDouble(p -> f.applyAsDouble(p.params())).min().orElseThrow();
        }
        assertTrue(tpe < random, "tpe " + tpe / 4 + " vs random " + random / 4);
        assertTrue(gelu > 40, "the best categorical should dominate late proposals, got " + gelu + " of 80");
    }

    @Test
    void theGpFindsBraninsMinimumAndMaximisesAsWell() {
        TestFunction f = TestFunctions.branin();
        double best = run(f.space(), SearchMethod.BAYES, Goal.MINIMIZE, 1, 25, f::value).stream()
                .mapToDouble(p -> f.value(p.params())).min().orElseThrow();
        assertTrue(best - f.optimum() < 0.1, "regret after 25 trials: " + (best - f.optimum()));
        double bestMax = run(f.space(), SearchMethod.BAYES, Goal.MAXIMIZE, 1, 25, p -> -f.value(p)).stream()
                .mapToDouble(p -> f.value(p.params())).min().orElseThrow();
        assertTrue(bestMax - f.optimum() < 0.1, "maximising −branin, regret " + (bestMax - f.optimum()));
    }

    @Test
    void theGpPicksTheBestCategory() {
        SearchSpace space = SearchSpace.of(List.of(
                new Parameter("x", FloatDistribution.uniform(-1, 1)),
                new Parameter("opt", CategoricalDistribution.of("sgd", "adam", "adamw"))));
        ToDoubleFunction<Map<String, Object>> f = p -> {
            double x = (Double) p.get("x") - 0.3;
            return x * x + ("adam".equals(p.get("opt")) ? 0 : 0.5);
        };
        List<TrialProposal> ps = run(space, SearchMethod.BAYES, Goal.MINIMIZE, 2, 20, f);
        long adam = ps.subList(10, 20).stream().filter(p -> "adam".equals(p.params().get("opt"))).count();
        assertTrue(adam >= 7, "adam in " + adam + " of the last 10");
        assertTrue(ps.stream().mapToDouble(p -> f.applyAsDouble(p.params())).min().orElseThrow() < 1e-3);
    }
}
