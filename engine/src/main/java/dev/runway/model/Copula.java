package dev.runway.model;

import java.io.Serializable;

import java.util.List;
import java.util.Optional;

/**
 * How a scenario's correlated drivers move together: the drivers (in the model's driver order) and
 * the correlation matrix of the normals of their Gaussian copula, positive definite. Each input
 * rank correlation rho becomes {@code 2 sin(pi rho / 6)} between the normals, which gives the
 * drivers exactly that Spearman correlation whatever their marginals. When the inputs' matrix was
 * not positive definite and the user asked for a repair, {@code applied} (else null) says how far it
 * moved.
 */
public record Copula(List<String> drivers, CorrelationMatrix normals, CorrelationMatrix.Repair applied)
        implements Serializable {

    /** No correlated drivers: every driver is drawn on its own. */
    public static final Copula INDEPENDENT = new Copula(List.of(), null, null);

    public Copula {
        drivers = List.copyOf(drivers);
        if (!drivers.isEmpty() && (normals == null || normals.size() != drivers.size() || !normals.positiveDefinite())) {
            throw new IllegalArgumentException("a copula needs a positive definite matrix over its " + drivers.size()
                    + " drivers");
        }
    }

    /** How far the inputs' matrix was moved to make it positive definite, if it was. */
    public Optional<CorrelationMatrix.Repair> repair() {
        return Optional.ofNullable(applied);
    }

    public boolean independent() {
        return drivers.isEmpty();
    }
}
