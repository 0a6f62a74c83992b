package dev.sweep.worker.optim;

/**
 * Adam's per-element arithmetic at step t in float, for the one-pass loops of {@link Adam} and {@link Lamb}:
 * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², direction m̂ / (√v̂ + ε) with the bias corrections of step t.
 */
final class AdamMoments {

    private final float b1;
    private final float b2;
    private final float ob1;
    private final float ob2;
    private final float ic1;
    private final float ic2;
    private final float eps;

    AdamMoments(double beta1, double beta2, double eps, long t) {
        this.b1 = (float) beta1;
        this.b2 = (float) beta2;
        this.ob1 = (float) (1.0 - beta1);
        this.ob2 = (float) (1.0 - beta2);
        this.ic1 = (float) (1.0 / (1.0 - Math.pow(beta1, t)));
        this.ic2 = (float) (1.0 / (1.0 - Math.pow(beta2, t)));
        this.eps = (float) eps;
    }

    float m(float m, float g) {
        return b1 * m + ob1 * g;
    }

    float v(float v, float g) {
        return b2 * v + ob2 * (g * g);
    }

    float direction(float m, float v) {
        return (m * ic1) / ((float) Math.sqrt(v * ic2) + eps);
    }
}
