package dev.sweep.worker.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweep.search.protocol.FailureKind;
import dev.sweep.search.protocol.TrialSpec;
import dev.sweep.worker.task.Task;
import dev.sweep.worker.task.TaskOutcome;
import dev.sweep.worker.task.TrialContext;
import dev.sweep.worker.task.TrialFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the user's program for each trial ({@code task.type: command}). The program gets its params as
 * arguments (see {@link CommandLine}) and SWEEP_TRIAL_ID, SWEEP_TRIAL_NUMBER, SWEEP_SEED, SWEEP_TRIAL_DIR,
 * SWEEP_SWEEP, SWEEP_PARAMS (JSON) and CUDA_VISIBLE_DEVICES (the worker's) in its environment, plus
 * {@code task.env}. It runs in {@code task.cwd} (relative to the worker's folder, which the orchestrator sets to
 * the sweep file's folder), else in that folder.
 *
 * <p>Every JSON object line it prints on stdout is a Progress ({@code {"step": 3, "val_accuracy": 0.81}}; with
 * no step, the previous step + 1); the last value of each metric is the result. Other stdout lines, and all of
 * stderr, go to the worker's stderr. A non-zero exit fails the trial (ERROR) with the last 40 lines of stderr.
 * A stop request ends the program's whole process tree (SIGTERM, then SIGKILL after {@code stop_grace_s},
 * default 5) and completes the trial as stopped.
 */
public final class CommandTask implements Task {
    private static final Logger log = LoggerFactory.getLogger(CommandTask.class);
    static final int STDERR_TAIL_LINES = 40;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final ObjectMapper json = OutputLines.lenientJson();
    private final Map<String, String> workerEnv;
    private final PrintStream passThrough;

    /** The ServiceLoader's constructor: the worker's environment, pass-through to the worker's stderr. */
    public CommandTask() {
        this(System.getenv(), System.err);
    }

    CommandTask(Map<String, String> workerEnv, PrintStream passThrough) {
        this.workerEnv = Map.copyOf(workerEnv);
        this.passThrough = passThrough;
    }

    @Override
    public String type() {
        return "command";
    }

    @Override
    public TaskOutcome run(TrialSpec trial, TrialContext context) throws Exception {
        Map<String, Object> task = trial.task();
        Path trialDir = context.workDir();
        List<String> argv;
        try {
            argv = CommandLine.argv(task, trial.params(), new CommandLine.Context(
                    String.valueOf(task.getOrDefault("program", "")), trial.trialId(), trial.number(), trial.seed(),
                    trialDir.toString()), json);
        } catch (IllegalArgumentException e) {
            throw new TrialFailedException(FailureKind.ERROR, e.getMessage(), null, null);
        }
        Path cwd = Path.of(String.valueOf(task.getOrDefault("cwd", "."))).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        environment(pb.environment(), trial, trialDir, task);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        log.info("trial {}: running {} in {}", trial.trialId(), argv, cwd);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new TrialFailedException(FailureKind.ERROR, "cannot start " + argv + " in " + cwd + ": "
                    + e.getMessage(), null, null);
        }
        process.getOutputStream().close();
        return await(process, context, Duration.ofMillis((long) (number(task, "stop_grace_s", 5) * 1000)));
    }

    private TaskOutcome await(Process process, TrialContext context, Duration grace) throws Exception {
        Map<String, Double> last = new ConcurrentHashMap<>();
        AtomicLong step = new AtomicLong(0);
        AtomicLong reported = new AtomicLong(Long.MIN_VALUE);
        OutputLines.Tail stderrTail = new OutputLines.Tail(STDERR_TAIL_LINES);
        String pid = Long.toString(process.pid());
        Thread out = pump(process.getInputStream(), "cmd-stdout-" + pid, line -> {
            var parsed = OutputLines.parse(line, json);
            if (parsed.isEmpty()) {
                passThrough.println("[" + pid + "] " + line);
                return;
            }
            long s = parsed.get().step() != null ? parsed.get().step() : step.get() + 1;
            step.set(s);
            reported.set(s);
            last.putAll(parsed.get().metrics());
            if (!parsed.get().metrics().isEmpty()) {
                context.progress(s, parsed.get().metrics());
            }
        });
        Thread err = pump(process.getErrorStream(), "cmd-stderr-" + pid, line -> {
            stderrTail.add(line);
            passThrough.println("[" + pid + " err] " + line);
        });
        boolean stopped = false;
        try {
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (context.stopRequested()) {
                    stopped = true;
                    ProcessTrees.destroy(process.toHandle(), grace);
                    break;
                }
            }
        } catch (InterruptedException e) {
            ProcessTrees.destroy(process.toHandle(), Duration.ZERO);
            throw e;
        }
        out.join(DRAIN.toMillis());
        err.join(DRAIN.toMillis());
        Long lastStep = reported.get() == Long.MIN_VALUE ? null : reported.get();
        if (stopped) {
            return new TaskOutcome(last, true, lastStep);
        }
        int code = process.waitFor();
        if (code != 0) {
            throw new TrialFailedException(FailureKind.ERROR, "command exited with code " + code, lastStep,
                    stderrTail.text());
        }
        return new TaskOutcome(new TreeMap<>(last), false, lastStep);
    }

    private void environment(Map<String, String> env, TrialSpec trial, Path trialDir, Map<String, Object> task)
            throws JsonProcessingException {
        env.put("SWEEP_TRIAL_ID", Long.toString(trial.trialId()));
        env.put("SWEEP_TRIAL_NUMBER", Integer.toString(trial.number()));
        env.put("SWEEP_SEED", Long.toString(trial.seed()));
        env.put("SWEEP_TRIAL_DIR", trialDir.toString());
        env.put("SWEEP_SWEEP", trial.sweep());
        env.put("SWEEP_PARAMS", json.writeValueAsString(new TreeMap<>(trial.params())));
        String cuda = workerEnv.get("CUDA_VISIBLE_DEVICES");
        if (cuda != null) {
            env.put("CUDA_VISIBLE_DEVICES", cuda);
        }
        if (task.get("env") instanceof Map<?, ?> extra) {
            extra.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
    }

    private static Thread pump(InputStream in, String name, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                log.debug("{} closed: {}", name, e.toString());
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double number(Map<String, Object> task, String key, double dflt) {
        Object v = task.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("task." + key + " must be a number, but got '" + v + "'");
    }
}
