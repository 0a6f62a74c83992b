package dev.sweep.search.sampler;

import static dev.sweep.search.space.SpaceAssertions.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.Spaces;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialView;
import dev.sweep.search.study.TrialViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every sampler must do (Optuna's test_samplers.py in spirit), run against each of them. */
class SamplerContractTest {

    /** A deterministic loss over the rich space, lowest near lr 3e-4, adamw, dropout 0.1. */
    static double richLoss(Map<String, Object> p) {
        double lr = Math.log10(number(p, "learning_rate", 3e-4));
        double loss = (lr + 3.5) * (lr + 3.5) + Math.abs(number(p, "dropout", 0.1) - 0.1)
                + ("adamw".equals(p.get("optimizer")) ? 0 : 0.3) + 0.05 * number(p, "epochs", 1)
                + 0.001 * number(p, "batch_size", 32) + 0.01 * Math.log(number(p, "warmup_steps", 1))
                + number(p, "max_len", 64) / 1000;
        if (p.containsKey("momentum")) {
            loss += Math.abs(number(p, "momentum", 0.9) - 0.9) + (Boolean.TRUE.equals(p.get("nesterov")) ? 0 : 0.05);
        }
        return loss;
    }

    private static double number(Map<String, Object> p, String name, double otherwise) {
        Object v = p.get(name);
        return v == null ? otherwise : ((Number) v).doubleValue();
    }

    /** Proposals of a sequential sweep on {@code space} with the loss {@link #richLoss}. */
    static List<TrialProposal> run(SearchSpace space, SearchMethod method, long seed, int trials) {
        Study study = new Study(new StudyConfig(space, method, Goal.MINIMIZE, seed, trials, 1, null));
        List<TrialView> history = new ArrayList<>();
        List<TrialProposal> out = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            TrialProposal p = study.ask(history).orElseThrow();
            out.add(p);
            history.add(TrialViews.completed(p, richLoss(p.params())));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = SearchMethod.class, names = {"RANDOM", "SOBOL", "TPE", "BAYES"})
    void theSameSeedGivesTheSameProposals(SearchMethod method) {
        List<TrialProposal> a = run(Spaces.rich(), method, 7, 14);
        List<TrialProposal> b = run(Spaces.rich(), method, 7, 14);
        assertEquals(a, b);
    }

    @ParameterizedTest
    @EnumSource(value = SearchMethod.class, names = {"RANDOM", "SOBOL", "TPE", "BAYES"})
    void anotherSeedGivesOtherProposals(SearchMethod method) {
        List<TrialProposal> a = run(Spaces.rich(), method, 7, 14);
        List<TrialProposal> b = run(Spaces.rich(), method, 8, 14);
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i).params(), b.get(i).params(), "proposal " + i);
            assertNotEquals(a.get(i).seed(), b.get(i).seed(), "seed of proposal " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SearchMethod.class, names = {"RANDOM", "SOBOL", "TPE", "BAYES"})
    void everyProposalLiesInsideTheSpace(SearchMethod method) {
        int seeds = method == SearchMethod.BAYES ? 3 : 12;
        int trials = method == SearchMethod.BAYES ? 14 : 25;
        int sgd = 0;
        for (long seed = 0; seed < seeds; seed++) {
            for (TrialProposal p : run(Spaces.rich(), method, 100 + seed, trials)) {
                assertValid(Spaces.rich(), p.params());
                sgd += "sgd".equals(p.params().get("optimizer")) ? 1 : 0;
            }
        }
        assertTrue(sgd > 0, "the conditional branch must be explored at least once");
    }

    @ParameterizedTest
    @EnumSource(value = SearchMethod.class)
    void gridSpacesWorkWithEverySampler(SearchMethod method) {
        for (TrialProposal p : run(Spaces.grid(), method, 3, 12)) {
            assertValid(Spaces.grid(), p.params());
        }
    }
}
