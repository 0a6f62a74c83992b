package dev.sweep.worker.synthetic;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code task:} block of a synthetic sweep: {@code function} (branin | hartmann6 | rosenbrock),
 * {@code dimensions} (rosenbrock; default 2), {@code steps} (length of the intermediate curve; default 1),
 * {@code delay_ms} (sleep per step), {@code noise} (std of gaussian noise; default 0), {@code curve_scale}
 * and {@code decay} (shape of the curve: value_t = f(x) + curve_scale·(decay^t − decay^steps), so it
 * reaches f(x) at the last step), and {@code fault} (see {@link Fault}).
 */
record SyntheticSettings(String function, int dimensions, int steps, long delayMs, double noise, double curveScale,
                         double decay, Fault fault) {

    SyntheticSettings {
        if (steps < 1) {
            throw new IllegalArgumentException("steps >= 1 must hold, but got (steps=" + steps + ")");
        }
        if (delayMs < 0) {
            throw new IllegalArgumentException("delay_ms >= 0 must hold, but got (delay_ms=" + delayMs + ")");
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise >= 0 must hold, but got (noise=" + noise + ")");
        }
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("0 < decay < 1 must hold, but got (decay=" + decay + ")");
        }
    }

    static SyntheticSettings from(Map<String, Object> task) {
        String function = string(task, "function", "branin").toLowerCase(Locale.ROOT);
        int dims = (int) number(task, "dimensions", 2);
        Object fault = task.get("fault");
        return new SyntheticSettings(function, dims, (int) number(task, "steps", 1),
                (long) number(task, "delay_ms", 0), number(task, "noise", 0), number(task, "curve_scale", 10),
                number(task, "decay", 0.7), fault == null ? null : Fault.from(fault));
    }

    /**
     * Fault injection, for testing the orchestrator against misbehaving trials: at step {@code at_step}
     * (default 1) of the trials numbered {@code trials} (default all) on attempts {@code attempts} (default [1]),
     * {@code kind} happens: {@code hang} (the worker process freezes itself with SIGSTOP: no more heartbeats),
     * {@code exit} (the JVM halts with {@code exit_code}, default 137), {@code throw} (an exception),
     * {@code nan} (the value becomes NaN), {@code oom} (an OutOfMemoryError).
     */
    record Fault(String kind, long atStep, List<Integer> trials, List<Integer> attempts, int exitCode) {
        static final List<String> KINDS = List.of("hang", "exit", "throw", "nan", "oom");

        Fault {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("fault.kind must be one of " + KINDS + ", but got '" + kind + "'");
            }
        }

        static Fault from(Object o) {
            if (!(o instanceof Map<?, ?> raw)) {
                throw new IllegalArgumentException("fault must be a map, but got " + o);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) raw;
            return new Fault(string(m, "kind", "throw"), (long) number(m, "at_step", 1), ints(m.get("trials")),
                    m.containsKey("attempts") ? ints(m.get("attempts")) : List.of(1),
                    (int) number(m, "exit_code", 137));
        }

        boolean appliesTo(int trialNumber, int attempt, long step) {
            return step == atStep && (trials == null || trials.contains(trialNumber))
                    && (attempts == null || attempts.contains(attempt));
        }

        private static List<Integer> ints(Object o) {
            if (o == null) {
                return null;
            }
            if (o instanceof Number n) {
                return List.of(n.intValue());
            }
            if (o instanceof List<?> l) {
                return l.stream().map(x -> ((Number) x).intValue()).toList();
            }
            throw new IllegalArgumentException("expected a number or a list of numbers, but got " + o);
        }
    }

    static String string(Map<String, Object> m, String key, String dflt) {
        Object v = m.get(key);
        return v == null ? dflt : v.toString();
    }

    static double number(Map<String, Object> m, String key, double dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("task." + key + " must be a number, but got '" + v + "'", e);
        }
    }
}
