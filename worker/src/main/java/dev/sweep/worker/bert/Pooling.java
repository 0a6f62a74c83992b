package dev.sweep.worker.bert;

import java.util.Locale;

/** How the classification head reads the encoder: the [CLS] token's hidden state, or the masked mean. */
public enum Pooling {
    CLS, MEAN;

    public static Pooling parse(Object value) {
        String s = value == null ? "cls" : value.toString().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "cls" -> CLS;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException("pooling must be cls or mean, but got '" + value + "'");
        };
    }
}
