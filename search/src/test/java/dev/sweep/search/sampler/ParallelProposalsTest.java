package dev.sweep.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight workers ask at once after 15 completed trials: every proposal stays running while the next is made.
 * The constant liar (TPE) and fantasies (GP) must keep them apart.
 */
class ParallelProposalsTest {

    @ParameterizedTest
    @EnumSource(value = SearchMethod.class, names = {"TPE", "BAYES"})
    void parallelProposalsNeitherDuplicateNorCrowd(SearchMethod method) {
        TestFunction f = TestFunctions.branin();
        Study study = new Study(new StudyConfig(f.space(), method, Goal.MINIMIZE, 5, null, 1, null));
        List<TrialView> history = new ArrayList<>();
        for (int t = 0; t < 15; t++) {
            TrialProposal p = study.ask(history).orElseThrow();
            history.add(TrialViews.completed(p, f.value(p.params())));
        }
        List<double[]> batch = new ArrayList<>();
        Set<Object> distinct = new HashSet<>();
        for (int w = 0; w < 8; w++) {
            TrialProposal p = study.ask(history).orElseThrow();
            history.add(TrialViews.running(p));
            distinct.add(p.params());
            batch.add(new double[]{((Double) p.params().get("x1") + 5) / 15, (Double) p.params().get("x2") / 15});
        }
        assertEquals(8, distinct.size(), "duplicate proposals: " + distinct);
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < batch.size(); i++) {
            for (int j = 0; j < i; j++) {
                closest = Math.min(closest, Math.hypot(batch.get(i)[0] - batch.get(j)[0], batch.get(i)[1] - batch.get(j)[1]));
            }
        }
        assertTrue(closest > 0.005, "two parallel proposals within " + closest + " of each other (unit square)");
    }
}
