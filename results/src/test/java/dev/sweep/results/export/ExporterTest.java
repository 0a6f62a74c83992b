package dev.sweep.results.export;

import static dev.sweep.results.store.StoreFixtures.aCompletedTrial;
import static dev.sweep.results.store.StoreFixtures.aFailedTrial;
import static dev.sweep.results.store.StoreFixtures.aSweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.sweep.results.memory.InMemoryResultsStore;
import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterTest {

    private final ResultsStore store = new InMemoryResultsStore();
    private final SweepRecord sweep = aSweep().named("export").maximizing("val_accuracy").createdIn(store);
    private final Exporter exporter = new Exporter(store);

    private void fill() {
        aCompletedTrial().number(1).withParam("learning_rate", 2e-5).withParam("optimizer", "adamw")
                .withParam("state", "odd name").withValue(0.91).withMetric("val_accuracy", 0.91)
                .withMetric("train_loss", 0.25).withSeed(11).tookSeconds(12.5).runIn(store, sweep);
        aFailedTrial().number(2).withParam("learning_rate", 1e-2).withParam("optimizer", "sgd,\"momentum\"")
                .failingWith("CUDA error: out of memory\nat line 3, \"quoted\"").withSeed(12).runIn(store, sweep);
    }

    @Test
    void csvHasOneRowPerTrialWithParamsFinalMetricsAndProperQuoting() throws Exception {
        fill();
        StringWriter out = new StringWriter();
        exporter.csv(sweep.id(), out);

        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows;
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(out.toString())) {
            rows = it.readAll();
        }
        assertEquals(List.of("number", "config", "repeat", "state", "value", "learning_rate", "optimizer",
                "param_state", "final_train_loss", "final_val_accuracy", "seed", "attempt", "worker", "device",
                "created_at", "started_at", "finished_at", "duration_s", "stopped_step", "error"), rows.get(0));
        assertEquals(3, rows.size());
        List<String> first = rows.get(1);
        assertEquals(List.of("1", "1", "0", "COMPLETE", "0.91", "2.0E-5", "adamw", "odd name", "0.25", "0.91", "11",
                "1", "worker-0", "cpu"), first.subList(0, 14));
        assertEquals("2024-05-01T22:00:00Z", first.get(15));
        assertEquals("12.5", first.get(17));
        List<String> second = rows.get(2);
        assertEquals("FAILED", second.get(3));
        assertEquals("", second.get(4));
        assertEquals("sgd,\"momentum\"", second.get(6));
        assertEquals("CUDA error: out of memory\nat line 3, \"quoted\"", second.get(19));
        assertTrue(out.toString().contains("\"sgd,\"\"momentum\"\"\""), "quotes are doubled inside quotes");
    }

    @Test
    void jsonHasTheSweepAndOneObjectPerTrial() throws Exception {
        fill();
        StringWriter out = new StringWriter();
        exporter.json(sweep.id(), out);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertEquals("export", doc.get("sweep").get("name").asText());
        assertEquals("maximize", doc.get("sweep").get("goal").asText());
        JsonNode trials = doc.get("trials");
        assertEquals(2, trials.size());
        JsonNode first = trials.get(0);
        assertEquals(0.91, first.get("value").asDouble());
        assertEquals(2e-5, first.get("params").get("learning_rate").asDouble());
        assertEquals(0.25, first.get("metrics").get("train_loss").asDouble());
        assertEquals(12.5, first.get("duration_s").asDouble());
        assertEquals("2024-05-01T22:00:12.500Z", first.get("finished_at").asText());
        assertTrue(trials.get(1).get("value").isNull());
        assertEquals("CUDA error: out of memory\nat line 3, \"quoted\"", trials.get(1).get("error").asText());
    }

    @Test
    void anEmptySweepGivesAHeaderOnlyAndAnUnknownSweepIsRefused() {
        StringWriter out = new StringWriter();
        exporter.csv(sweep.id(), out);
        assertEquals(1, out.toString().lines().count());
        assertTrue(out.toString().startsWith("number,config,repeat,state,value,seed,"));
        assertThrows(IllegalArgumentException.class, () -> exporter.csv(sweep.id() + 1, new StringWriter()));
    }
}
