package dev.sweep.search.study;

import static dev.sweep.search.study.TrialViews.aCompletedTrial;
import static dev.sweep.search.study.TrialViews.aFailedTrial;
import static dev.sweep.search.study.TrialViews.aPrunedTrial;
import static dev.sweep.search.study.TrialViews.aRunningTrial;
import static dev.sweep.search.study.TrialViews.completed;
import static dev.sweep.search.study.TrialViews.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.Spaces;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StudyTest {

    private static StudyConfig config(SearchMethod method, Integer runCap, int repeats) {
        return new StudyConfig(Spaces.unitSquare(), method, Goal.MINIMIZE, 42, runCap, repeats, null);
    }

    private static double objective(Map<String, Object> p) {
        double a = (Double) p.get("x1") - 0.3;
        double b = (Double) p.get("x2") - 0.7;
        return a * a + b * b;
    }

    @Test
    void eachConfigurationRunsItsRepeatsBeforeTheNextOne() {
        Study study = new Study(config(SearchMethod.RANDOM, null, 3));
        List<TrialView> history = new ArrayList<>();
        List<int[]> order = new ArrayList<>();
        for (int t = 0; t < 7; t++) {
            TrialProposal p = study.ask(history).orElseThrow();
            assertEquals(t, p.number());
            order.add(new int[]{p.config(), p.repeat()});
            history.add(running(p));
        }
        assertEquals(List.of("0/0", "0/1", "0/2", "1/0", "1/1", "1/2", "2/0"),
                order.stream().map(o -> o[0] + "/" + o[1]).toList());
        assertEquals(history.get(0).params(), history.get(2).params());
        assertFalse(history.get(0).params().equals(history.get(3).params()));
        assertEquals(7, history.stream().map(TrialView::number).distinct().count());
    }

    @Test
    void aConfigurationMissingARepeatGetsItBackFirst() {
        Study study = new Study(config(SearchMethod.RANDOM, null, 2));
        Map<String, Object> params = Map.of("x1", 0.5, "x2", 0.5);
        List<TrialView> history = List.of(
                aCompletedTrial(0, 1.0).withConfig(0).withRepeat(0).withParams(params).build(),
                aCompletedTrial(1, 2.0).withConfig(1).withRepeat(0).withParams(Map.of("x1", 0.1, "x2", 0.1)).build(),
                aCompletedTrial(2, 2.0).withConfig(1).withRepeat(1).withParams(Map.of("x1", 0.1, "x2", 0.1)).build());
        TrialProposal p = study.ask(history).orElseThrow();
        assertEquals(3, p.number());
        assertEquals(0, p.config());
        assertEquals(1, p.repeat());
        assertEquals(params, p.params());
        assertEquals(Seeds.trialSeed(42, 0, 1), p.seed());
    }

    @Test
    void seedsAreDeterministicDistinctAndNonNegative() {
        Set<Long> seeds = new HashSet<>();
        for (int c = 0; c < 200; c++) {
            for (int r = 0; r < 5; r++) {
                long s = Seeds.trialSeed(42, c, r);
                assertTrue(s >= 0 && s < (1L << 31), "seed " + s);
                assertEquals(s, Seeds.trialSeed(42, c, r));
                seeds.add(s);
            }
        }
        assertEquals(1000, seeds.size());
        assertFalse(Seeds.trialSeed(42, 0, 0) == Seeds.trialSeed(43, 0, 0));
    }

    @Test
    void runCapEndsTheSweepAndIsThePlan() {
        Study study = new Study(config(SearchMethod.SOBOL, 5, 1));
        assertEquals(Optional.of(5), study.plannedTrials());
        List<TrialView> history = new ArrayList<>();
        Optional<TrialProposal> p;
        while ((p = study.ask(history)).isPresent()) {
            history.add(completed(p.get(), 1.0));
        }
        assertEquals(5, history.size());
        assertEquals(Optional.empty(), new Study(config(SearchMethod.TPE, null, 1)).plannedTrials());
    }

    @Test
    void samplersSeeOneViewPerConfigurationWithTheMeanOfItsCompletedRepeats() {
        Map<String, Object> a = Map.of("x1", 0.1, "x2", 0.2);
        Map<String, Object> b = Map.of("x1", 0.3, "x2", 0.4);
        Map<String, Object> c = Map.of("x1", 0.5, "x2", 0.6);
        List<TrialView> views = Study.configurations(List.of(
                aCompletedTrial(0, 1.0).withConfig(0).withParams(a).at(1, 3.0).build(),
                aCompletedTrial(1, 2.0).withConfig(0).withRepeat(1).withParams(a).at(1, 5.0).build(),
                aRunningTrial(2).withConfig(0).withRepeat(2).withParams(a).build(),
                aRunningTrial(3).withConfig(1).withParams(b).build(),
                aPrunedTrial(4).withConfig(1).withRepeat(1).withParams(b).build(),
                aPrunedTrial(5).withConfig(2).withParams(c).at(2, 9.0).build(),
                aFailedTrial(6).withConfig(2).withRepeat(1).withParams(c).build()));
        assertEquals(3, views.size());
        assertEquals(TrialState.COMPLETE, views.get(0).state());
        assertEquals(1.5, views.get(0).value());
        assertEquals(4.0, views.get(0).intermediate().get(1L));
        assertEquals(a, views.get(0).params());
        assertEquals(TrialState.RUNNING, views.get(1).state());
        assertNull(views.get(1).value());
        assertEquals(TrialState.PRUNED, views.get(2).state());
        assertEquals(2, views.get(2).config());
    }

    @Test
    void pruningComparesTheTrialWithTheOthersOnly() {
        StudyConfig cfg = new StudyConfig(Spaces.unitSquare(), SearchMethod.RANDOM, Goal.MINIMIZE, 1, null, 1,
                new PrunerSpec("median", 1, 3, null, 1));
        TrialView me = aRunningTrial(1).withCurve(5.0).build();
        List<TrialView> history = List.of(aCompletedTrial(0, 1).withCurve(1.0).build(), me);
        assertTrue(new Study(cfg).shouldPrune(me, 1, history));
        assertFalse(new Study(config(SearchMethod.RANDOM, null, 1)).shouldPrune(me, 1, history), "no pruner");
        // alone, the trial is its own median and goes on
        assertFalse(new Study(cfg).shouldPrune(me, 1, List.of(me, aCompletedTrial(2, 9).build())));
    }

    /**
     * The replay test: a sweep interrupted at any point and resumed with a new Study over the stored history
     * proposes exactly what the uninterrupted one does, for every sampler, with trials still running.
     */
    @Test
    void aResumedSweepProposesWhatAnUninterruptedOneWould() {
        for (SearchMethod m : SearchMethod.values()) {
            StudyConfig cfg = new StudyConfig(m == SearchMethod.GRID ? Spaces.grid() : Spaces.unitSquare(), m,
                    Goal.MINIMIZE, 11, 16, 1, null);
            List<TrialProposal> uninterrupted = drive(new Study(cfg), null, cfg);
            for (int cut : new int[]{3, 12}) {
                List<TrialProposal> resumed = drive(new Study(cfg), cut, cfg);
                assertEquals(uninterrupted, resumed, m + " resumed after " + cut + " trials");
            }
        }
    }

    /**
     * Two workers: a trial completes two asks after it was proposed. With {@code cut}, the study is replaced by a
     * fresh one (a restarted orchestrator) after that many proposals.
     */
    private static List<TrialProposal> drive(Study first, Integer cut, StudyConfig cfg) {
        Study study = first;
        List<TrialView> history = new ArrayList<>();
        List<TrialProposal> out = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            if (cut != null && t == cut) {
                study = new Study(cfg);
            }
            TrialProposal p = study.ask(history).orElseThrow();
            out.add(p);
            history.add(running(p));
            if (t >= 1) {
                TrialView done = history.get(t - 1);
                history.set(t - 1, completed(new TrialProposal(done.number(), done.config(), done.repeat(),
                        done.params(), 0), value(done.params())));
            }
        }
        return out;
    }

    private static double value(Map<String, Object> p) {
        return p.containsKey("x1") ? objective(p) : ((Number) p.get("learning_rate")).doubleValue();
    }
}
