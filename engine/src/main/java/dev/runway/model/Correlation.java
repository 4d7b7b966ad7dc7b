package dev.runway.model;

import java.io.Serializable;

/**
 * A rank (Spearman) correlation between two per-path drivers of a scenario, as an input gives
 * it; imposed through a Gaussian copula.
 */
public record Correlation(String a, String b, double rho, String source) implements Serializable {

    public Correlation {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a driver cannot be correlated with itself: " + a);
        }
        if (!(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [-1, 1], found " + rho);
        }
    }
}
