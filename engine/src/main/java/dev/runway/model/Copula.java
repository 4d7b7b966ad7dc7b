package dev.runway.model;

import java.util.List;
import java.util.Optional;

/**
 * How a scenario's correlated drivers move together: the drivers (in {@link Driver} order) and
 * the correlation matrix of the normals of their Gaussian copula, positive definite. Each input
 * rank correlation rho becomes {@code 2 sin(pi rho / 6)} between the normals, which gives the
 * drivers exactly that Spearman correlation whatever their marginals. When the inputs' matrix was
 * not positive definite and the user asked for a repair, {@code repair} says how far it moved.
 */
public record Copula(List<Driver> drivers, CorrelationMatrix normals, Optional<CorrelationMatrix.Repair> repair) {

    /** No correlated drivers: every driver is drawn on its own. */
    public static final Copula INDEPENDENT = new Copula(List.of(), null, Optional.empty());

    public Copula {
        drivers = List.copyOf(drivers);
        if (!drivers.isEmpty() && (normals == null || normals.size() != drivers.size() || !normals.positiveDefinite())) {
            throw new IllegalArgumentException("a copula needs a positive definite matrix over its " + drivers.size()
                    + " drivers");
        }
    }

    public boolean independent() {
        return drivers.isEmpty();
    }
}
