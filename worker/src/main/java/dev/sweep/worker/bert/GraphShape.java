package dev.sweep.worker.bert;

/**
 * The static shape of one SameDiff graph: batch rows, sequence length, and whether it carries dropout mask
 * placeholders and the loss (a training graph) or not (an inference graph).
 */
public record GraphShape(int batch, int length, boolean training) {
    public GraphShape {
        if (batch < 1 || length < 1) {
            throw new IllegalArgumentException("batch >= 1 and length >= 1 must hold, but got (batch=" + batch
                    + ", length=" + length + ")");
        }
    }
}
