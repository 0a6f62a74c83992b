package dev.sweep.search.sampler;

import static dev.sweep.search.study.TrialViews.completed;
import static dev.sweep.search.study.TrialViews.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.SpaceAssertions;
import dev.sweep.search.space.Spaces;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.Study;
import dev.sweep.search.study.StudyConfig;
import dev.sweep.search.study.TrialProposal;
import dev.sweep.search.study.TrialView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

    private static Study gridStudy(SearchSpace space, int repeats, Integer runCap) {
        return new Study(new StudyConfig(space, SearchMethod.GRID, Goal.MINIMIZE, 1, runCap, repeats, null));
    }

    @Test
    void logRangesAreLogSpacedWithTheirEndsIncluded() {
        SearchSpace s = SearchSpace.of(List.of(new Parameter("lr", new FloatDistribution(1e-5, 1e-2, true, null, 7))));
        List<Object> lrs = new GridSampler().cells(s).stream().map(c -> c.get("lr")).toList();
        assertEquals(List.of(1e-5, 3.16227766017e-5, 1e-4, 3.16227766017e-4, 1e-3, 3.16227766017e-3, 1e-2), lrs);
    }

    @Test
    void intRangesTakeEveryStepOrCountPoints() {
        SearchSpace every = SearchSpace.of(List.of(new Parameter("e", new IntDistribution(2, 10, false, 4, null))));
        assertEquals(List.of(2L, 6L, 10L), new GridSampler().cells(every).stream().map(c -> c.get("e")).toList());
        SearchSpace counted = SearchSpace.of(List.of(new Parameter("w", new IntDistribution(1, 1000, true, 1, 4))));
        assertEquals(List.of(1L, 10L, 100L, 1000L), new GridSampler().cells(counted).stream().map(c -> c.get("w")).toList());
        SearchSpace stepped = SearchSpace.of(List.of(new Parameter("d", new FloatDistribution(0, 0.3, false, 0.1, null))));
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), new GridSampler().cells(stepped).stream().map(c -> c.get("d")).toList());
    }

    @Test
    void aFloatRangeWithoutCountCannotBeGridded() {
        SearchSpace s = SearchSpace.of(List.of(new Parameter("dropout", FloatDistribution.uniform(0, 0.3))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridSampler().cells(s));
        assertTrue(e.getMessage().contains("'dropout'") && e.getMessage().contains("count"), e.getMessage());
    }

    @Test
    void cellsFollowTheProductOrderWithConditionsZipsAndConstraints() {
        List<Map<String, Object>> cells = new GridSampler().cells(Spaces.grid());
        assertEquals(40, cells.size());
        assertEquals(40, new HashSet<>(cells).size());
        cells.forEach(c -> SpaceAssertions.assertValid(Spaces.grid(), c));
        // the first parameter varies slowest, the zip group fastest
        assertEquals(Map.of("learning_rate", 1e-5, "batch_size", 16L, "optimizer", "sgd", "momentum", 0.9,
                "max_len", 64L, "grad_accum", 1L), cells.get(0));
        assertEquals(Map.of("learning_rate", 1e-5, "batch_size", 16L, "optimizer", "sgd", "momentum", 0.9,
                "max_len", 128L, "grad_accum", 2L), cells.get(1));
        assertEquals(Map.of("learning_rate", 1e-5, "batch_size", 16L, "optimizer", "sgd", "momentum", 0.99,
                "max_len", 64L, "grad_accum", 1L), cells.get(2));
        assertEquals(Map.of("learning_rate", 1e-5, "batch_size", 16L, "optimizer", "adamw",
                "max_len", 64L, "grad_accum", 1L), cells.get(4));
        long sgdAtTopLr = cells.stream().filter(c -> c.get("optimizer").equals("sgd") && c.get("learning_rate").equals(1e-2)).count();
        assertEquals(0, sgdAtTopLr);
    }

    @Test
    void everyCellIsProposedExactlyOnceThenTheGridIsExhausted() {
        Study study = gridStudy(Spaces.grid(), 1, null);
        assertEquals(Optional.of(40), study.plannedTrials());
        List<TrialView> history = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        Optional<TrialProposal> p;
        while ((p = study.ask(history)).isPresent()) {
            assertTrue(seen.add(p.get().params()), "proposed twice: " + p.get().params());
            history.add(completed(p.get(), history.size()));
        }
        assertEquals(new HashSet<>(new GridSampler().cells(Spaces.grid())), seen);
    }

    @Test
    void withRepeatsEveryCellRunsThatManyTimesWithDistinctSeeds() {
        Study study = gridStudy(Spaces.grid(), 3, null);
        assertEquals(Optional.of(120), study.plannedTrials());
        List<TrialView> history = new ArrayList<>();
        Map<Map<String, Object>, Integer> counts = new HashMap<>();
        Set<Long> seeds = new HashSet<>();
        Optional<TrialProposal> p;
        while ((p = study.ask(history)).isPresent()) {
            counts.merge(p.get().params(), 1, Integer::sum);
            seeds.add(p.get().seed());
            history.add(completed(p.get(), 1.0));
        }
        assertEquals(40, counts.size());
        assertTrue(counts.values().stream().allMatch(c -> c == 3), counts.toString());
        assertEquals(120, seeds.size());
    }

    @Test
    void runningTrialsAreNeverHandedTheSameCellAgain() {
        Study study = gridStudy(Spaces.grid(), 1, null);
        List<TrialView> history = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        SplittableRandom rng = new SplittableRandom(5);
        // eight workers: proposals stay running, and a random one of them finishes now and then
        Optional<TrialProposal> p;
        while ((p = study.ask(history)).isPresent()) {
            assertTrue(seen.add(p.get().params()), "proposed twice: " + p.get().params());
            history.add(running(p.get()));
            if (rng.nextInt(3) == 0) {
                int i = rng.nextInt(history.size());
                TrialView t = history.get(i);
                TrialProposal q = new TrialProposal(t.number(), t.config(), t.repeat(), t.params(), 0);
                history.set(i, completed(q, 0.5));
            }
        }
        assertEquals(40, seen.size());
    }

    @Test
    void cellsOfTheHistoryMatchAfterARoundTripThroughTheStore() {
        // a store may hand back ints as Integer and floats re-parsed from text
        Study study = gridStudy(SearchSpace.of(List.of(
                new Parameter("lr", new FloatDistribution(1e-5, 1e-2, true, null, 7)),
                new Parameter("bs", CategoricalDistribution.of(16L, 32L)))), 1, null);
        List<TrialView> history = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<TrialProposal> p;
        while ((p = study.ask(history)).isPresent()) {
            Map<String, Object> stored = Map.of("lr", Double.parseDouble(p.get().params().get("lr").toString()),
                    "bs", ((Long) p.get().params().get("bs")).intValue());
            assertTrue(seen.add(stored.toString()), "proposed twice: " + stored);
            history.add(completed(new TrialProposal(p.get().number(), p.get().config(), 0, stored, 1), 1.0));
        }
        assertEquals(14, seen.size());
    }

    @Test
    void runCapStopsTheGridEarly() {
        Study study = gridStudy(Spaces.grid(), 1, 5);
        assertEquals(Optional.of(5), study.plannedTrials());
        List<TrialView> history = new ArrayList<>();
        Optional<TrialProposal> p;
        while ((p = study.ask(history)).isPresent()) {
            history.add(completed(p.get(), 1.0));
        }
        assertEquals(5, history.size());
    }
}
