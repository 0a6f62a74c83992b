package dev.sweep.worker.bert;

import dev.sweep.worker.optim.OptimizerSpec;
import java.util.Locale;
import java.util.Map;

/**
 * A bert-classification trial's settings, read from the sweep file's {@code task:} block and the trial's params
 * (names and defaults as in the sweep-file schema): learning_rate 2e-5, batch_size 32, epochs 3, max_len 128,
 * optimizer adamw, momentum 0.9 (plain {@code sgd} uses it only when given), beta1 0.9, beta2 0.999, eps 1e-8,
 * weight_decay 0.01, dropout 0.1, attention_dropout = dropout, warmup_ratio 0 / warmup_steps, schedule linear,
 * max_grad_norm 1.0 (0 = off), grad_accum 1, freeze_encoder false, pooling (task's, else cls), seed (the trial's).
 * Task keys: model, pooling, eval_every (epoch | steps), keep_checkpoint (best | none), max_steps,
 * micro_batch_tokens (default 2048, 0 = off; see {@link TrainingSettings}), and
 * metric (name or {name, goal}; default val_accuracy; goal defaults to minimize for names with "loss").
 */
public record BertParams(TrainingSettings training, double dropout, double attentionDropout, boolean freezeEncoder,
                         Pooling pooling, boolean keepCheckpoint) {

    /** Default task.micro_batch_tokens: 32×128 runs as two 16×128 halves. */
    public static final int DEFAULT_MICRO_BATCH_TOKENS = 2048;

    public static BertParams from(Map<String, Object> task, Map<String, Object> params, long trialSeed) {
        String optimizer = str(params, "optimizer", "adamw");
        double momentum = params.containsKey("momentum") ? num(params, "momentum", 0.9)
                : optimizer.equalsIgnoreCase("sgd") ? 0.0 : 0.9;
        OptimizerSpec spec = new OptimizerSpec(optimizer, momentum, num(params, "beta1", 0.9),
                num(params, "beta2", 0.999), num(params, "eps", 1e-8), num(params, "weight_decay", 0.01),
                params.containsKey("beta1") ? num(params, "beta1", 0.9) : null);
        Object evalEvery = task.get("eval_every");
        Integer evalSteps = evalEvery == null || evalEvery.toString().equalsIgnoreCase("epoch") ? null
                : (int) num(task, "eval_every", 0);
        Object metric = task.get("metric");
        String metricName = "val_accuracy";
        String goal = null;
        if (metric instanceof Map<?, ?> m) {
            metricName = String.valueOf(m.get("name"));
            goal = m.get("goal") == null ? null : m.get("goal").toString();
        } else if (metric != null) {
            metricName = metric.toString();
        }
        boolean maximize = goal != null ? goal.equalsIgnoreCase("maximize") : !metricName.contains("loss");
        double dropout = num(params, "dropout", 0.1);
        Long warmupSteps = params.containsKey("warmup_steps") ? (long) num(params, "warmup_steps", 0) : null;
        TrainingSettings training = new TrainingSettings(whole(params, "epochs", 3), whole(params, "batch_size", 32),
                whole(params, "max_len", 128), whole(params, "grad_accum", 1), num(params, "max_grad_norm", 1.0), spec,
                str(params, "schedule", "linear"), num(params, "learning_rate", 2e-5), warmupSteps,
                num(params, "warmup_ratio", 0.0), evalSteps, metricName, maximize,
                params.containsKey("seed") ? (long) num(params, "seed", 0) : trialSeed,
                task.containsKey("max_steps") ? (long) num(task, "max_steps", 1) : null,
                whole(task, "micro_batch_tokens", DEFAULT_MICRO_BATCH_TOKENS));
        Object pooling = params.containsKey("pooling") ? params.get("pooling") : task.get("pooling");
        return new BertParams(training, dropout, num(params, "attention_dropout", dropout),
                bool(params, "freeze_encoder"), Pooling.parse(pooling),
                !"none".equalsIgnoreCase(String.valueOf(task.getOrDefault("keep_checkpoint", "best"))));
    }

    private static String str(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : v.toString().toLowerCase(Locale.ROOT);
    }

    private static double num(Map<String, Object> m, String key, double fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, but got '" + v + "'", e);
        }
    }

    private static int whole(Map<String, Object> m, String key, int fallback) {
        double d = num(m, key, fallback);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(key + " must be a whole number, but got " + m.get(key));
        }
        return (int) d;
    }

    private static boolean bool(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, but got '" + v + "'");
        }
        return Boolean.parseBoolean(s);
    }
}
