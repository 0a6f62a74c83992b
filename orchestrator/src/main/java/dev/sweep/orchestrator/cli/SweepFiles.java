package dev.sweep.orchestrator.cli;

import dev.sweep.orchestrator.config.Resources;
import dev.sweep.orchestrator.config.SweepFileParser;
import dev.sweep.orchestrator.config.SweepSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Reading sweep files, and the command-line overrides of what they say (name, workers, devices). */
final class SweepFiles {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SweepFiles() {
    }

    /** Parses and validates; a bad file throws the parser's SweepFileException (exit 2, nothing stored). */
    static SweepSpec parse(Path file) {
        return new SweepFileParser().parse(file);
    }

    /** Parses the sweep-file text stored with a sweep (for resume). */
    static SweepSpec parseStored(String text, Path source) {
        return new SweepFileParser().parse(text, source);
    }

    /** The same sweep under another name (the file's text and hash stay: they are the experiment). */
    static SweepSpec withName(SweepSpec s, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new UserInputException("a sweep name holds only letters, digits, '.', '_' and '-', but got '"
                    + name + "'");
        }
        return new SweepSpec(name, s.method(), s.metricName(), s.goal(), s.space(), s.taskType(), s.task(), s.seed(),
                s.resources(), s.maxRetries(), s.runCap(), s.repeats(), s.earlyTerminate(), s.schedule(), s.source(),
                s.text(), s.hash(), s.onOom());
    }

    /**
     * Applies {@code --workers} (that many CPU worker processes, instead of the file's devices) or
     * {@code --devices} (these GPUs, with the file's trials_per_device); at most one of them.
     */
    static SweepSpec withResources(SweepSpec s, Integer workers, List<Integer> devices) {
        if (workers == null && devices == null) {
            return s;
        }
        if (workers != null && devices != null) {
            throw new UserInputException("use --workers (CPU worker processes) or --devices (GPUs), not both");
        }
        if (workers != null && workers < 1) {
            throw new UserInputException("--workers >= 1 must hold, but got " + workers);
        }
        if (devices != null && (devices.isEmpty() || devices.stream().anyMatch(d -> d < 0))) {
            throw new UserInputException("--devices must list GPU indices >= 0 such as 0,1, but got " + devices);
        }
        Resources r = s.resources();
        Resources changed = workers != null ? new Resources(List.of(), workers, r.trialsPerDevice(), r.jvmArgs())
                : new Resources(devices, r.workers(), r.trialsPerDevice(), r.jvmArgs());
        return new SweepSpec(s.name(), s.method(), s.metricName(), s.goal(), s.space(), s.taskType(), s.task(),
                s.seed(), changed, s.maxRetries(), s.runCap(), s.repeats(), s.earlyTerminate(), s.schedule(),
                s.source(), s.text(), s.hash(), s.onOom());
    }
}
