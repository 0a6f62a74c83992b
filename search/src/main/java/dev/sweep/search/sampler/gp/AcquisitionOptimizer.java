package dev.sweep.search.sampler.gp;

import dev.sweep.search.sampler.SpaceCodec;
import dev.sweep.search.sampler.math.Lbfgs;
import dev.sweep.search.sampler.math.NormalMath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Maximises log expected improvement (minimisation, standardised outputs) over a codec's space: many scrambled
 * Sobol candidates plus perturbations of the best observed points, then L-BFGS-B on the numeric coordinates
 * from the most promising candidates (categoricals held at the start's choice), quantised coordinates snapped
 * at the end.
 */
final class AcquisitionOptimizer {

    /** A codec point and its acquisition value. */
    record Scored(double[] z, double value) {
    }

    private final SpaceCodec codec;
    private final Features features;
    private final GaussianProcess gp;
    private final double best;
    private final int[] numeric;

    AcquisitionOptimizer(SpaceCodec codec, Features features, GaussianProcess gp, double best) {
        this.codec = codec;
        this.features = features;
        this.gp = gp;
        this.best = best;
        this.numeric = IntStream.range(0, codec.freeCount()).filter(k -> !codec.free().get(k).categorical()).toArray();
    }

    /** log EI at GP input {@code x}; with {@code grad} not null also its gradient with respect to {@code x}. */
    double logEi(double[] x, double[] grad) {
        double[] mv = new double[2];
        double[] dm = grad == null ? null : new double[x.length];
        double[] dv = grad == null ? null : new double[x.length];
        gp.predict(x, mv, dm, dv);
        double sigma = Math.sqrt(mv[1]);
        double z = (best - mv[0]) / sigma;
        double value = NormalMath.logH(z) + Math.log(sigma);
        if (grad != null) {
            double dlogh = NormalMath.dLogH(z);
            for (int i = 0; i < x.length; i++) {
                double ds = dv[i] / (2 * sigma);
                double dz = (-dm[i] - z * ds) / sigma;
                grad[i] = dlogh * dz + ds / sigma;
            }
        }
        return value;
    }

    /**
     * Candidates, best first, after local refinement of the best {@code localStarts} that satisfy
     * {@code feasible} (the constraints; only checked where needed: callers check the one they pick).
     */
    List<Scored> optimize(RandomGenerator rng, List<double[]> incumbents, int sobolCount, int perIncumbent,
                          int localStarts, Predicate<double[]> feasible) {
        List<double[]> cands = new ArrayList<>(sobol(rng, sobolCount));
        for (double[] inc : incumbents) {
            for (int j = 0; j < perIncumbent; j++) {
                cands.add(perturb(inc, rng));
            }
        }
        List<Scored> scored = new ArrayList<>();
        for (double[] z : cands) {
            double[] s = codec.snap(z);
            scored.add(new Scored(s, logEi(features.of(s), null)));
        }
        scored.sort(Comparator.comparingDouble(s -> -s.value()));
        List<Scored> out = new ArrayList<>(scored);
        int starts = 0;
        for (Scored s : scored) {
            if (starts >= localStarts || !Double.isFinite(s.value())) {
                break;
            }
            if (!feasible.test(s.z())) {
                continue;
            }
            starts++;
            if (numeric.length > 0) {
                double[] snapped = codec.snap(refine(s.z()));
                out.add(new Scored(snapped, logEi(features.of(snapped), null)));
            }
        }
        out.sort(Comparator.comparingDouble(s -> -s.value()));
        return out;
    }

    private double[] refine(double[] start) {
        boolean[] mask = features.mask(start);
        double[] y0 = new double[numeric.length];
        double[] lo = new double[numeric.length];
        double[] hi = new double[numeric.length];
        for (int j = 0; j < numeric.length; j++) {
            y0[j] = start[numeric[j]];
            hi[j] = 1;
        }
        Lbfgs lbfgs = new Lbfgs(8, 60, 1e-6, 1e-10);
        Lbfgs.Result r = lbfgs.minimize((y, g) -> {
            double[] z = start.clone();
            for (int j = 0; j < numeric.length; j++) {
                z[numeric[j]] = y[j];
            }
            double[] x = features.of(z, mask);
            double[] gx = new double[x.length];
            double v = logEi(x, gx);
            for (int j = 0; j < numeric.length; j++) {
                g[j] = (mask == null || mask[numeric[j]]) ? -gx[features.column(numeric[j])] : 0;
            }
            return Double.isFinite(v) ? -v : Double.POSITIVE_INFINITY;
        }, y0, lo, hi);
        double[] z = start.clone();
        for (int j = 0; j < numeric.length; j++) {
            z[numeric[j]] = r.x()[j];
        }
        return z;
    }

    private List<double[]> sobol(RandomGenerator rng, int count) {
        int d = codec.freeCount();
        SobolSequenceGenerator gen = new SobolSequenceGenerator(Math.max(1, d));
        long[] shift = new long[Math.max(1, d)];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = rng.nextLong() & ((1L << 52) - 1);
        }
        List<double[]> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            double[] u = gen.nextVector();
            double[] z = new double[d];
            for (int k = 0; k < d; k++) {
                double t = (((long) (u[k] * 0x1p52) ^ shift[k]) + 0.5) / 0x1p52;
                SpaceCodec.Dim dim = codec.free().get(k);
                z[k] = dim.categorical() ? Math.min(dim.choices() - 1, (int) Math.floor(t * dim.choices())) : t;
            }
            out.add(z);
        }
        return out;
    }

    private double[] perturb(double[] z, RandomGenerator rng) {
        double[] p = z.clone();
        double scale = switch (rng.nextInt(3)) {
            case 0 -> 0.01;
            case 1 -> 0.05;
            default -> 0.15;
        };
        double prob = Math.min(1.0, 4.0 / Math.max(1, codec.freeCount()));
        for (int k = 0; k < p.length; k++) {
            SpaceCodec.Dim dim = codec.free().get(k);
            if (Double.isNaN(p[k])) {
                p[k] = dim.categorical() ? rng.nextInt(dim.choices()) : rng.nextDouble();
            } else if (rng.nextDouble() < prob) {
                if (dim.categorical()) {
                    if (rng.nextDouble() < 0.2) {
                        p[k] = rng.nextInt(dim.choices());
                    }
                } else {
                    p[k] = Math.min(1, Math.max(0, p[k] + scale * rng.nextGaussian()));
                }
            }
        }
        return p;
    }
}
