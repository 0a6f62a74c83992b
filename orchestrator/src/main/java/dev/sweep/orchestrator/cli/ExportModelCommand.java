package dev.sweep.orchestrator.cli;

import dev.sweep.results.store.ResultsStore;
import dev.sweep.results.store.SweepRecord;
import dev.sweep.results.store.TrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Copies a BERT trial's best checkpoint out of the runs folder. The worker wrote it there as an ONNX file (the
 * pretrained file with every encoder initializer replaced by the fine-tuned weights), the classification head as
 * {@code classifier.json} and the tokenizer; this command only finds and copies it, so the orchestrator never
 * needs ND4J.
 */
@Command(name = "export-model", mixinStandardHelpOptions = true,
        header = "Write a BERT trial's fine-tuned weights as an ONNX file.",
        description = {"Copies the best checkpoint of a bert-classification trial: model.onnx (the pretrained "
                + "ONNX file with the fine-tuned encoder weights, runnable by ONNX Runtime at any batch size and "
                + "length), classifier.json (pooling, labels, head weight and bias) and tokenizer.json. The sweep "
                + "file must have kept checkpoints (task.keep_checkpoint: best, the default)."},
        footer = {"", "Examples:", "  sweep export-model sst2-raster 12", "  sweep export-model sst2-raster 12 -o /srv/models/sst2"})
final class ExportModelCommand extends CliCommand {

    static final List<String> FILES = List.of("model.onnx", "classifier.json", "tokenizer.json");

    @Parameters(index = "0", paramLabel = "SWEEP", description = "a sweep's name")
    String name;

    @Parameters(index = "1", paramLabel = "TRIAL", description = "the trial's number in the sweep")
    int number;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "where to write it (default: runs/<sweep>/models/trial-<n>)")
    Path output;

    ExportModelCommand(CliContext cli) {
        super(cli);
    }

    @Override
    public Integer call() throws IOException {
        Path runs = location().runsDir(cli.workingDir());
        TrialRecord trial;
        SweepRecord sweep;
        try (ResultsStore store = openExistingStore()) {
            sweep = sweep(store, name);
            trial = store.trial(sweep.id(), number).orElseThrow(() -> new UserInputException(
                    "sweep " + name + " has no trial " + number + " (see: sweep trials " + name + ")"));
        }
        Path source = runs.resolve(sweep.name()).resolve("trials")
                .resolve("trial-" + trial.number() + "-attempt-" + trial.attempt()).resolve("best");
        for (String f : FILES) {
            if (!Files.isRegularFile(source.resolve(f))) {
                throw new UserInputException("trial " + number + " of " + name + " (" + trial.state()
                        + ") kept no checkpoint: " + source.resolve(f) + " is missing. Only bert-classification "
                        + "trials that ran at least one step keep one, and only with task.keep_checkpoint: best");
            }
        }
        Path target = output != null ? cli.resolve(output)
                : runs.resolve(sweep.name()).resolve("models").resolve("trial-" + trial.number());
        Files.createDirectories(target);
        for (String f : FILES) {
            Files.copy(source.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        out().println("wrote trial " + number + " of " + sweep.name() + " (" + trial.state() + ", "
                + sweep.metricName() + " " + trial.value() + ") to " + target);
        out().flush();
        return ExitCode.OK;
    }
}
