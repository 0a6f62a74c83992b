package dev.sweep.orchestrator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sweep.search.space.CategoricalDistribution;
import dev.sweep.search.space.Condition;
import dev.sweep.search.space.Distribution;
import dev.sweep.search.space.FloatDistribution;
import dev.sweep.search.space.IntDistribution;
import dev.sweep.search.space.Parameter;
import dev.sweep.search.space.SearchSpace;
import dev.sweep.search.space.ZipGroup;
import dev.sweep.search.study.Goal;
import dev.sweep.search.study.SearchMethod;
import dev.sweep.search.study.StudyConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a valid sweep file turns into: the records, their types, flags, defaults and normalisations. */
class SweepFileParserTest {
    /** Stateless and costly to build (a JEXL engine), so one serves every test. */
    private static final SweepFileParser PARSER = new SweepFileParser();

    private SweepSpec everything() throws Exception {
        return PARSER.parse(Path.of(getClass().getResource("/sweepfiles/good/everything.yaml").toURI()));
    }

    private SweepSpec parse(String text) {
        return PARSER.parse(text, Path.of("inline.yaml"));
    }

    private static Distribution dist(SweepSpec spec, String name) {
        return spec.space().parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name)).distribution();
    }

    @Test
    void topLevelSettings() throws Exception {
        SweepSpec s = everything();
        assertEquals("everything", s.name());
        assertEquals(SearchMethod.TPE, s.method());
        assertEquals("val_f1", s.metricName());
        assertEquals(Goal.MAXIMIZE, s.goal());
        assertEquals(1234567890123L, s.seed());
        assertEquals(50, s.runCap());
        assertEquals(2, s.repeats());
        assertEquals(0, s.maxRetries());
        assertEquals(List.of(0, 2, 3), s.resources().devices());
        assertEquals(2, s.resources().trialsPerDevice());
        assertEquals(6, s.resources().slots());
        assertEquals(List.of("-Xmx6g", "-Dfoo=bar"), s.resources().jvmArgs());
        assertEquals("hyperband", s.earlyTerminate().type());
        assertEquals(2, s.earlyTerminate().minIter());
        assertEquals(3, s.earlyTerminate().eta());
        assertEquals(18, s.earlyTerminate().maxIter());
        assertEquals(new ScheduleSpec("0 0 22 ? * MON-FRI", "07:00", "Europe/Berlin"), s.schedule());
        StudyConfig study = s.studyConfig();
        assertEquals(s.space(), study.space());
        assertEquals(2, study.repeats());
    }

    @Test
    void onOomIsFailUnlessTheFileSaysAccumulate() {
        String rest = "metric: {name: value}\ntask: {type: synthetic, function: branin}\n"
                + "parameters: {x1: {min: -5.0, max: 10.0}, x2: {min: 0.0, max: 15.0}}\n";
        assertEquals(OomPolicy.FAIL, parse("name: a\n" + rest).onOom());
        assertEquals(OomPolicy.FAIL, parse("name: a\non_oom: fail\n" + rest).onOom());
        assertEquals(OomPolicy.ACCUMULATE, parse("name: a\non_oom: accumulate\n" + rest).onOom());
    }

    @Test
    void rangesMapToFloatAndIntDistributionsWithTheirFlags() throws Exception {
        SweepSpec s = everything();
        assertEquals(new FloatDistribution(1e-5, 1e-2, true, null, 4), dist(s, "learning_rate"));
        assertEquals(new IntDistribution(1, 4, false, 1, null), dist(s, "epochs"), "integer bounds infer int_uniform");
        assertEquals(FloatDistribution.uniform(0.0, 0.3), dist(s, "dropout"), "float bounds infer uniform");
        assertEquals(new FloatDistribution(0.0, 0.1, false, 0.01, null), dist(s, "weight_decay"));
        assertEquals(new IntDistribution(2, 12, false, 2, null), dist(s, "layers"));
        assertEquals(new IntDistribution(16, 256, true, 1, null), dist(s, "units"));
        assertEquals(new IntDistribution(8, 512, true, 1, 7), dist(s, "width"));
        FloatDistribution t = (FloatDistribution) dist(s, "temperature");
        assertEquals(Math.exp(-2), t.low(), 1e-12, "log_uniform bounds are natural-log exponents");
        assertEquals(1.0, t.high(), 1e-12);
        assertTrue(t.log());
    }

    @Test
    void valuesKeepTheirYamlTypes() throws Exception {
        SweepSpec s = everything();
        CategoricalDistribution bs = (CategoricalDistribution) dist(s, "batch_size");
        assertEquals(List.of(16, 32, 64), bs.choices());
        bs.choices().forEach(c -> assertInstanceOf(Integer.class, c));
        List<Object> mixed = ((CategoricalDistribution) dist(s, "mixed")).choices();
        assertEquals(List.of(Double.class, Integer.class, Boolean.class, String.class, Long.class),
                mixed.stream().map(Object::getClass).toList());
        assertEquals(CategoricalDistribution.fixed("adamw"), dist(s, "optimizer"));
        assertEquals(CategoricalDistribution.fixed(7), dist(s, "const_int"));
        assertTrue(dist(s, "optimizer").isSingle());
    }

    @Test
    void conditionsDerivedZipsAndConstraints() throws Exception {
        SearchSpace space = everything().space();
        Parameter momentum = space.parameter("momentum").orElseThrow();
        assertEquals(new Condition("optimizer", List.of("adamw")), momentum.condition());
        assertEquals(new Condition("momentum", List.of(0.99)), space.parameter("nesterov").orElseThrow().condition());
        assertNull(space.parameter("batch_size").orElseThrow().condition());
        assertEquals(1, space.derived().size());
        assertEquals("scaled_lr", space.derived().get(0).name());
        assertEquals("learning_rate * batch_size / 32", space.derived().get(0).expression());
        ZipGroup zip = space.zips().get(0);
        assertEquals("pair", zip.name());
        assertEquals(List.of("max_len", "grad_accum"), zip.names());
        assertEquals(List.of(Map.of("max_len", 64, "grad_accum", 1), Map.of("max_len", 128, "grad_accum", 2)), zip.rows());
        assertEquals("epochs * batch_size <= 192", space.constraints().get(0).expression());
        assertEquals(List.of("learning_rate", "batch_size", "mixed", "optimizer", "epochs", "dropout", "weight_decay",
                "layers", "units", "temperature", "width", "momentum", "nesterov", "const_int"),
                space.parameters().stream().map(Parameter::name).toList(), "parameters keep the file's order");
    }

    @Test
    void aCommandStringIsSplitIntoWordsRespectingQuotes() throws Exception {
        SweepSpec s = everything();
        assertEquals("command", s.taskType());
        assertEquals(List.of("python3", "train.py", "--data", "my data/train.tsv", "${args}"), s.task().get("command"));
        assertEquals(Map.of("OMP_NUM_THREADS", 1, "MODE", "fast"), s.task().get("env"));
        assertEquals("/tmp", s.task().get("cwd"));
        assertEquals(2.5, s.task().get("stop_grace_s"));
        assertFalse(s.task().containsKey("type"), "the type travels separately");
    }

    @Test
    void aProgramAloneRunsWithTheInterpreterItsExtensionNames() {
        String base = "name: p\nmetric: {name: loss}\nparameters: {lr: {values: [1, 2]}}\n";
        SweepSpec py = parse(base + "task: {type: command, program: train.py}\n");
        assertEquals(List.of("python3", "train.py", "${args}"), py.task().get("command"));
        assertEquals("train.py", py.task().get("program"));
        SweepSpec sh = parse(base + "task: {type: command, program: run.sh}\n");
        assertEquals(List.of("bash", "run.sh", "${args}"), sh.task().get("command"));
        SweepSpec macros = parse(base + "task: {type: command, program: t.py, command: ['${env}', '${interpreter}', '${program}', '${args_json}']}\n");
        assertEquals(List.of("/usr/bin/env", "python3", "t.py", "${args_json}"), macros.task().get("command"));
    }

    @Test
    void commandMacrosMayNameParametersAndTrialFacts() {
        SweepSpec s = parse("""
                name: m
                metric: {name: acc, goal: maximize}
                task:
                  type: command
                  command: [python3, train.py, "--lr=${learning_rate}", "--out=${trial_dir}/model", "${args_no_hyphens}"]
                parameters:
                  learning_rate: {values: [0.1, 0.01]}
                  shape: {zip: [{width: 4}, {width: 8}]}
                """);
        assertEquals(List.of("python3", "train.py", "--lr=${learning_rate}", "--out=${trial_dir}/model", "${args_no_hyphens}"),
                s.task().get("command"));
        SweepSpec noArgs = parse("name: m\nmetric: {name: acc}\ntask: {type: command, command: 'sh t.sh --w=${width}'}\n"
                + "parameters: {shape: {zip: [{width: 4}, {width: 8}]}}\n");
        assertEquals(List.of("sh", "t.sh", "--w=${width}"), noArgs.task().get("command"), "zip members are parameters too");
    }

    @Test
    void defaultsOfAMinimalFile() {
        SweepSpec s = parse("""
                name: minimal
                metric: {name: value}
                task: {type: synthetic, function: branin}
                parameters:
                  x1: {min: -5.0, max: 10.0}
                  x2: {min: 0.0, max: 15.0}
                """);
        assertEquals(SearchMethod.RANDOM, s.method());
        assertEquals(Goal.MINIMIZE, s.goal());
        assertEquals(0L, s.seed());
        assertNull(s.runCap());
        assertEquals(1, s.repeats());
        assertEquals(2, s.maxRetries());
        assertEquals(new Resources(List.of(), 1, 1), s.resources());
        assertNull(s.earlyTerminate());
        assertNull(s.schedule());
        assertEquals(Map.of("function", "branin", "steps", 1L, "delay_ms", 0L, "noise", 0.0), s.task());
        SweepSpec noFunction = parse("name: f\nmetric: {name: value}\ntask: {type: synthetic, steps: 3}\n"
                + "parameters: {x1: {min: -5.0, max: 10.0}, x2: {min: 0.0, max: 15.0}}\n");
        assertEquals("branin", noFunction.task().get("function"), "the worker's default, made explicit");
        assertEquals(3, noFunction.task().get("steps"));
        assertEquals(Path.of("inline.yaml"), s.source());
    }

    @Test
    void rosenbrockReadsAsManyParametersAsItsDimensions() {
        String head = "name: r\nmetric: {name: value}\ntask: {type: synthetic, function: rosenbrock, dimensions: 3}\n";
        SweepSpec ok = parse(head + "parameters: {x1: {min: -2.0, max: 2.0}, x2: {min: -2.0, max: 2.0}, x3: {min: -2.0, max: 2.0}}\n");
        assertEquals(3, ok.space().parameters().size());
        SweepFileException e = assertThrows(SweepFileException.class,
                () -> parse(head + "parameters: {x1: {min: -2.0, max: 2.0}, x2: {min: -2.0, max: 2.0}}\n"));
        assertTrue(e.getMessage().contains("but x3 is missing from parameters"), e.getMessage());
    }

    @Test
    void bertTaskDefaultsAndFileForms() {
        SweepSpec s = parse("""
                name: bert
                metric: {name: val_accuracy, goal: maximize}
                task:
                  type: bert-classification
                  model: {onnx: /m/model.onnx, tokenizer: /m/tokenizer.json}
                  dataset: {path: data/train.csv, format: csv, header: false, text: question_1, text_pair: question_2, label: label}
                  data_dir:
                  max_train_examples: 1000
                parameters:
                  learning_rate: {values: [2.0e-5, 5.0e-5]}
                  freeze_encoder: {values: [true, false]}
                  base: {value: 16}
                  batch_size: {expr: "base * 2"}
                """);
        assertEquals("bert-classification", s.taskType());
        assertEquals(Map.of("onnx", "/m/model.onnx", "tokenizer", "/m/tokenizer.json"), s.task().get("model"));
        assertEquals("question_2", ((Map<?, ?>) s.task().get("dataset")).get("text_pair"));
        assertEquals(false, ((Map<?, ?>) s.task().get("dataset")).get("header"));
        assertFalse(s.task().containsKey("data_dir"), "an empty value is left out");
        assertEquals("cls", s.task().get("pooling"));
        assertEquals("epoch", s.task().get("eval_every"));
        assertEquals("best", s.task().get("keep_checkpoint"));
        assertEquals(1000, s.task().get("max_train_examples"));
    }

    @Test
    void aHelperParameterIsFineWhenAnExpressionOrAConditionUsesIt() {
        String head = "name: h\nmetric: {name: val_f1, goal: maximize}\n"
                + "task: {type: bert-classification, model: bge-small-en-v1.5, dataset: rte}\nparameters:\n";
        SweepSpec s = parse(head + """
                  use_warmup: {values: [true, false]}
                  warmup_ratio: {values: [0.06, 0.1], when: {use_warmup: true}}
                  lr_scale: {values: [1, 2]}
                  learning_rate: {expr: "2.0e-5 * lr_scale"}
                """);
        assertEquals(3, s.space().parameters().size());
        SweepFileException e = assertThrows(SweepFileException.class, () -> parse(head + "  lr_scale: {values: [1, 2]}\n"));
        assertTrue(e.getMessage().contains("bert-classification does not read parameter 'lr_scale'"), e.getMessage());
    }

    @Test
    void aGridMayLeaveParametersOut() {
        SweepSpec s = parse("name: seeds\nmethod: grid\nrepeats: 5\nmetric: {name: value}\ntask: {type: command, command: 'bash t.sh ${args}'}\n");
        assertTrue(s.space().parameters().isEmpty());
        assertEquals(5, s.repeats());
    }

    @Test
    void theHashIgnoresLineEndingsButNotContent() {
        String unix = "name: h\nmetric: {name: value}\ntask: {type: synthetic, function: branin}\n"
                + "parameters: {x1: {min: 0.0, max: 1.0}, x2: {min: 0.0, max: 1.0}}\n";
        String windows = unix.replace("\n", "\r\n");
        SweepSpec a = parse(unix);
        SweepSpec b = parse(windows);
        assertEquals(a.hash(), b.hash());
        assertEquals(windows, b.text(), "the text is kept exactly");
        assertNotEquals(a.hash(), parse(unix.replace("max: 1.0}}", "max: 2.0}}")).hash());
        assertTrue(a.hash().matches("[0-9a-f]{64}"));
    }

    @Test
    void scientificNotationWithoutADotIsANumber() {
        SweepSpec s = parse("name: sci\nmetric: {name: m}\ntask: {type: command, command: 'x ${args}'}\n"
                + "parameters: {lr: {distribution: log_uniform_values, min: 1e-5, max: 1e-2}}\n");
        assertEquals(FloatDistribution.logUniform(1e-5, 1e-2), dist(s, "lr"));
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        SweepSpec s = parse("\uFEFFname: bom\nmetric: {name: value}\ntask: {type: synthetic, function: branin}\n"
                + "parameters: {x1: {min: 0.0, max: 1.0}, x2: {min: 0.0, max: 1.0}}\n");
        assertEquals("bom", s.name());
    }
}
