package dev.sweep.worker.optim;

import java.util.List;
import java.util.Locale;

/**
 * An optimizer by name with its hyperparameters (trial params optimizer, momentum, beta1, beta2, eps,
 * weight_decay). {@code adafactorBeta1} is Adafactor's optional first moment (null = none).
 */
public record OptimizerSpec(String name, double momentum, double beta1, double beta2, double eps, double weightDecay,
                            Double adafactorBeta1) {

    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam", "adamw", "lamb",
            "adafactor");

    public OptimizerSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("optimizer must be one of " + NAMES + ", but got '" + name + "'");
        }
    }

    public Optimizer create() {
        return switch (name) {
            case "sgd" -> new Sgd(0.0, false, weightDecay);
            case "momentum" -> new Sgd(momentum, false, weightDecay);
            case "nesterov" -> new Sgd(momentum, true, weightDecay);
            case "adam" -> new Adam(beta1, beta2, eps, weightDecay, false);
            case "adamw" -> new Adam(beta1, beta2, eps, weightDecay, true);
            case "lamb" -> new Lamb(beta1, beta2, eps, weightDecay);
            case "adafactor" -> new Adafactor(adafactorBeta1, weightDecay);
            default -> throw new IllegalStateException("unreachable: " + name);
        };
    }
}
