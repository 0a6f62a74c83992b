package dev.sweep.worker.bert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Takes the gradients out of one {@code sd.fit} step and cancels ND4J's own update. The graph trains with plain SGD
 * at learning rate 1, so the update ND4J is about to subtract is exactly the gradient: this listener copies it and
 * zeroes it in place, leaving the parameters untouched for this project's optimizers. Why not
 * {@code calculateGradients}: it keeps every forward and backward array of the step alive (MiniLM 32×128: ~15 GB),
 * while fit's training session frees each array once its consumers ran.
 */
final class GradientCapture extends BaseListener {

    private final String lossName;
    private final Map<String, INDArray> gradients = new HashMap<>();
    private double loss = Double.NaN;

    GradientCapture(String lossName) {
        this.lossName = lossName;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public ListenerVariables requiredVariables(SameDiff sd) {
        return ListenerVariables.builder().trainingVariables(lossName).build();
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
                                    INDArray activation) {
        if (varName.equals(lossName)) {
            loss = activation.getDouble(0);
        }
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                            INDArray[] outputs) {
        List<String> names = op.getOutputsOfOp();
        int i = names == null ? -1 : names.indexOf(lossName);
        if (i >= 0 && i < outputs.length) {
            loss = outputs[i].getDouble(0);
        }
    }

    @Override
    public void preUpdate(SameDiff sd, At at, Variable v, INDArray update) {
        gradients.put(v.getName(), update.dup());
        update.assign(0);
    }

    double loss() {
        return loss;
    }

    Map<String, INDArray> gradients() {
        return gradients;
    }
}
