package dev.sweep.worker.bert;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Takes the gradients and the loss out of one {@code sd.fit} step and cancels ND4J's own update.
 *
 * <p>Gradients: the graph trains with plain SGD at learning rate 1, so the update ND4J is about to subtract is
 * exactly the gradient; this listener copies it and zeroes it in place, leaving the parameters to this project's
 * optimizers. Why fit and not {@code calculateGradients}: the latter keeps every forward and backward array of the
 * step alive (MiniLM 16×128: 8.2 GB RSS vs 2.8 GB with fit, whose training session frees arrays as it goes).
 *
 * <p>Loss: fit never runs the forward loss op (it starts the backward pass at the loss's gradient op), so the loss is
 * recovered from the gradient with respect to the per-example weights: with the mean-over-nonzero-weights reduction,
 * ∂loss/∂wᵢ = lossᵢ / count, hence loss = Σ wᵢ · ∂loss/∂wᵢ for weights in {0, 1} (checked against the inference
 * cross-entropy in BertGradientTest).
 */
final class GradientCapture extends BaseListener {

    private final String weightsGradient;
    private final INDArray weights;
    private final Map<String, INDArray> gradients = new HashMap<>();
    private double loss = Double.NaN;

    GradientCapture(String weightsName, INDArray weights) {
        this.weightsGradient = weightsName + "-grad";
        this.weights = weights;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
                                    INDArray activation) {
        if (varName.equals(weightsGradient)) {
            loss = weights.castTo(activation.dataType()).mul(activation).sumNumber().doubleValue();
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
