package dev.sweep.worker.bert;

import dev.sweep.search.protocol.FailureKind;
import dev.sweep.worker.optim.GradientClipping;
import dev.sweep.worker.optim.LearningRateSchedule;
import dev.sweep.worker.optim.Optimizer;
import dev.sweep.worker.optim.Parameter;
import dev.sweep.worker.task.TrialContext;
import dev.sweep.worker.task.TrialFailedException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fine-tuning loop. Gradients come from SameDiff ({@code sd.fit} with {@link GradientCapture}); updates are this
 * project's own optimizers ({@link dev.sweep.worker.optim}), which is what gives decoupled weight decay, decay
 * exclusions, LAMB trust ratios, Adafactor and clipping by global norm. Per step: dropout masks from a seeded
 * generator, gradient accumulation over {@code grad_accum} batches, clipping, the schedule's learning rate, the
 * update, then {@code System.gc()}: ND4J's off-heap buffers of a step are freed only when their Java owners are
 * collected, and without a GC per step the process grows by ~1 GB per step at 32×128 (collecting only when the
 * resident set had grown by 256 MB was tried: it grew from 3.0 to 4.5 GB over 100 steps at 8×32, 11 GB at 32×128).
 *
 * <p>Evaluates every N steps or per epoch, streams {@code train_loss} (mean since the last evaluation), the
 * validation metrics, {@code epoch}, {@code learning_rate} and {@code tokens_per_second}; keeps the best checkpoint
 * in memory by the sweep metric's validation value; at the end restores it and scores the test split when labelled.
 * Honours stop requests at every batch. NaN/Inf loss fails the trial as DIVERGED; memory exhaustion as OOM.
 */
public final class BertTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(BertTrainer.class);
    private static final long MASK_SEED_SALT = 0x9E3779B97F4A7C15L;

    private final TrainingSettings settings;

    public BertTrainer(TrainingSettings settings) {
        this.settings = settings;
    }

    /** What training produced: final metrics (best checkpoint), whether it stopped early, the last step. */
    public record Result(Map<String, Double> metrics, boolean stopped, long lastStep, long bestStep) {
    }

    /**
     * Trains {@code model} in place. {@code frozenTrain/Val/Test} are precomputed features for a frozen encoder (any
     * may be null: computed here).
     */
    public Result train(BertClassifier model, EncodedSplit train, EncodedSplit validation, EncodedSplit test,
                        FrozenFeatures frozenTrain, FrozenFeatures frozenVal, FrozenFeatures frozenTest,
                        TrialContext context) throws TrialFailedException, InterruptedException {
        TrainingSettings s = settings;
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("train and validation splits must be non-empty, but got (train="
                    + train.size() + ", validation=" + validation.size() + ")");
        }
        FrozenFeatures fTrain = null;
        FrozenFeatures fVal = null;
        if (model.frozen()) {
            fTrain = frozenTrain != null ? frozenTrain : FrozenFeatures.compute(model, train, s.batchSize(), s.maxLen());
            fVal = frozenVal != null ? frozenVal : FrozenFeatures.compute(model, validation, s.batchSize(), s.maxLen());
        }
        Batcher batcher = train.batcher(s.batchSize(), s.maxLen());
        long stepsPerEpoch = (batcher.batchesPerEpoch() + s.gradAccum() - 1) / s.gradAccum();
        long total = stepsPerEpoch * s.epochs();
        if (s.maxSteps() != null) {
            total = Math.min(total, s.maxSteps());
        }
        LearningRateSchedule schedule = new LearningRateSchedule(s.schedule(), s.learningRate(),
                LearningRateSchedule.warmupSteps(s.warmupSteps(), s.warmupRatio(), total), total, s.maximize(), 2, 0.5);
        Optimizer optimizer = s.optimizer().create();
        List<Parameter> params = model.trainableParameters();
        SplittableRandom rng = new SplittableRandom(s.seed());
        Progress p = new Progress();
        try (DropoutMasks masks = new DropoutMasks(s.seed() ^ MASK_SEED_SALT)) {
            long startNanos = System.nanoTime();
            Map<String, INDArray> accum = new HashMap<>();
            outer:
            for (int epoch = 1; epoch <= s.epochs(); epoch++) {
                List<Batch> batches = batcher.shuffled(rng);
                int micro = 0;
                for (int bi = 0; bi < batches.size(); bi++) {
                    if (context.stopRequested()) {
                        p.stopped = true;
                        break outer;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("trial interrupted at step " + p.step);
                    }
                    Batch batch = batches.get(bi);
                    BertClassifier.StepGradients g = forwardBackward(model, batch, fTrain, masks, p.step + 1);
                    // without accumulation the step's gradients are used as they are (no copy of 22.7M floats)
                    boolean direct = s.gradAccum() == 1;
                    Map<String, INDArray> grads = direct ? g.gradients() : accum;
                    if (!direct) {
                        accumulate(accum, g.gradients(), micro == 0);
                    }
                    micro++;
                    p.lossSum += g.loss();
                    p.lossCount++;
                    p.tokens += batch.tokens();
                    boolean boundary = micro == s.gradAccum() || bi == batches.size() - 1;
                    if (!boundary) {
                        continue;
                    }
                    if (micro > 1) {
                        for (INDArray a : grads.values()) {
                            a.divi(micro);
                        }
                    }
                    micro = 0;
                    // clipping's scale is applied inside the optimizer's pass over the gradients (one pass fewer)
                    // (without accumulation every batch is a boundary, so g is this step's and knows its norm)
                    double norm = direct ? g.globalNorm() : GradientClipping.globalNorm(grads.values());
                    double scale = GradientClipping.scaleFor(norm, s.maxGradNorm());
                    p.lr = schedule.lr(p.step + 1);
                    optimizer.step(params, grads, p.lr, scale);
                    p.step++;
                    System.gc();
                    p.trainNanos = System.nanoTime() - startNanos - p.evalNanos;
                    p.epoch = (double) p.step / stepsPerEpoch;
                    boolean evalNow = s.evalEverySteps() != null ? p.step % s.evalEverySteps() == 0
                            : bi == batches.size() - 1;
                    if (evalNow || p.step == total) {
                        evaluate(model, validation, fVal, schedule, p, context);
                    }
                    if (p.step >= total) {
                        break outer;
                    }
                }
            }
            if (p.lastEvalStep != p.step && p.step > 0 && !p.stopped) {
                evaluate(model, validation, fVal, schedule, p, context);
            }
        } catch (OutOfMemoryError e) {
            throw new TrialFailedException(FailureKind.OOM, "out of memory at step " + p.step + ": " + e.getMessage(),
                    p.step, e.toString());
        } catch (RuntimeException e) {
            if (isAllocationFailure(e)) {
                throw new TrialFailedException(FailureKind.OOM, "ND4J allocation failed at step " + p.step + ": "
                        + e.getMessage(), p.step, e.toString());
            }
            throw e;
        }
        return finish(model, test, frozenTest, p);
    }

    private BertClassifier.StepGradients forwardBackward(BertClassifier model, Batch batch, FrozenFeatures fTrain,
                                                         DropoutMasks masks, long step) throws TrialFailedException {
        BertClassifier.StepGradients g;
        int tokens = batch.batch() * batch.length();
        int parts = fTrain != null || settings.microBatchTokens() == 0 ? 1
                : Math.min(batch.batch(), (tokens + settings.microBatchTokens() - 1) / settings.microBatchTokens());
        if (fTrain != null) {
            g = model.headGradients(fTrain.rows(batch), batch, masks);
        } else if (parts <= 1) {
            g = model.gradients(batch, masks);
        } else {
            g = microBatched(model, batch, parts, masks);
        }
        if (!Double.isFinite(g.loss())) {
            throw new TrialFailedException(FailureKind.DIVERGED, "loss is " + g.loss() + " at step " + step
                    + " (learning rate too high?)", step, "train loss " + g.loss());
        }
        return g;
    }

    /** The batch's loss and gradients from micro-batches, each weighted by its share of the real rows. */
    private static BertClassifier.StepGradients microBatched(BertClassifier model, Batch batch, int parts,
                                                             DropoutMasks masks) {
        double total = batch.realRows();
        double loss = 0;
        Map<String, INDArray> sum = new HashMap<>();
        for (Batch part : batch.split(parts)) {
            int rows = part.realRows();
            if (rows == 0) {
                continue;
            }
            double w = rows / total;
            BertClassifier.StepGradients g = model.gradients(part, masks);
            loss += w * g.loss();
            g.gradients().forEach((name, grad) -> {
                INDArray a = sum.get(name);
                if (a == null) {
                    sum.put(name, grad.mul(w));
                } else {
                    a.addi(grad.mul(w));
                }
            });
            System.gc();
        }
        return new BertClassifier.StepGradients(loss, sum, Double.NaN);
    }

    private static void accumulate(Map<String, INDArray> accum, Map<String, INDArray> grads, boolean first) {
        grads.forEach((name, g) -> {
            INDArray a = accum.get(name);
            if (a == null) {
                accum.put(name, g.dup());
            } else if (first) {
                a.assign(g);
            } else {
                a.addi(g);
            }
        });
    }

    private void evaluate(BertClassifier model, EncodedSplit validation, FrozenFeatures fVal,
                          LearningRateSchedule schedule, Progress p, TrialContext context) {
        long t0 = System.nanoTime();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", p.lossCount == 0 ? Double.NaN : p.lossSum / p.lossCount);
        m.putAll(Evaluator.evaluate(model, validation, fVal, settings.batchSize(), settings.maxLen(), "val"));
        m.put("epoch", p.epoch);
        m.put("learning_rate", p.lr);
        m.put("tokens_per_second", p.trainNanos > 0 ? p.tokens / (p.trainNanos / 1e9) : 0.0);
        p.lossSum = 0;
        p.lossCount = 0;
        p.lastEvalStep = p.step;
        String key = m.containsKey(settings.metric()) ? settings.metric() : "val_loss";
        boolean maximize = m.containsKey(settings.metric()) ? settings.maximize() : false;
        double value = m.getOrDefault(key, Double.NaN);
        schedule.onEvaluation(value);
        boolean better = p.best == null || (!Double.isNaN(value) && (Double.isNaN(p.bestValue)
                || (maximize ? value > p.bestValue : value < p.bestValue)));
        if (better) {
            p.best = model.snapshot();
            p.bestValue = value;
            p.bestMetrics = new LinkedHashMap<>(m);
            p.bestStep = p.step;
        }
        System.gc();
        p.evalNanos += System.nanoTime() - t0;
        m.values().removeIf(v -> !Double.isFinite(v));
        LOG.info("step {} epoch {}: {}", p.step, String.format("%.2f", p.epoch), m);
        context.progress(p.step, m);
    }

    private Result finish(BertClassifier model, EncodedSplit test, FrozenFeatures frozenTest, Progress p) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (p.best != null) {
            model.restore(p.best);
            metrics.putAll(p.bestMetrics);
            metrics.put("best_step", (double) p.bestStep);
            if (test.labelled()) {
                FrozenFeatures fTest = model.frozen() ? (frozenTest != null ? frozenTest
                        : FrozenFeatures.compute(model, test, settings.batchSize(), settings.maxLen())) : null;
                metrics.putAll(Evaluator.evaluate(model, test, fTest, settings.batchSize(), settings.maxLen(), "test"));
            }
        } else if (p.lossCount > 0) {
            metrics.put("train_loss", p.lossSum / p.lossCount);
        }
        metrics.put("tokens_per_second", p.trainNanos > 0 ? p.tokens / (p.trainNanos / 1e9) : 0.0);
        metrics.values().removeIf(v -> v == null || !Double.isFinite(v));
        return new Result(metrics, p.stopped, p.step, p.bestStep);
    }

    static boolean isAllocationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof OutOfMemoryError || msg.contains("out of memory") || msg.contains("failed to allocate")
                    || msg.contains("cannot allocate") || msg.contains("physical bytes")) {
                return true;
            }
        }
        return false;
    }

    /** Mutable loop state of one training run. */
    private static final class Progress {
        long step;
        long tokens;
        long trainNanos;
        long evalNanos;
        double lossSum;
        int lossCount;
        double lr;
        double epoch;
        long lastEvalStep = -1;
        boolean stopped;
        Map<String, INDArray> best;
        double bestValue = Double.NaN;
        Map<String, Double> bestMetrics;
        long bestStep;
    }
}
