package dev.runway.model;

import java.io.Serializable;

import java.util.List;

/**
 * The deterministic quarterly amounts of a scenario at base volume, one entry per quarter 1..H,
 * in JPY bn. Arrays are copied in and out so a schedule never changes once built.
 */
public final class Schedule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> labels;
    private final double[] baseRevenue;
    private final double[] fixedCosts;
    private final double[] savingsTarget;
    private final double[] restructuringCost;
    private final double[] capex;
    private final double[] debtMaturity;

    public Schedule(List<String> labels, double[] baseRevenue, double[] fixedCosts, double[] savingsTarget,
            double[] restructuringCost, double[] capex, double[] debtMaturity) {
        int horizon = labels.size();
        if (horizon == 0) {
            throw new IllegalArgumentException("a schedule needs at least one quarter");
        }
        double[][] columns = {baseRevenue, fixedCosts, savingsTarget, restructuringCost, capex, debtMaturity};
        for (double[] column : columns) {
            if (column.length != horizon) {
                throw new IllegalArgumentException("every schedule column needs " + horizon + " quarters, found "
                        + column.length);
            }
            for (double value : column) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("schedule amounts must be finite, found " + value);
                }
            }
        }
        this.labels = List.copyOf(labels);
        this.baseRevenue = baseRevenue.clone();
        this.fixedCosts = fixedCosts.clone();
        this.savingsTarget = savingsTarget.clone();
        this.restructuringCost = restructuringCost.clone();
        this.capex = capex.clone();
        this.debtMaturity = debtMaturity.clone();
    }

    /** H, the number of quarters. */
    public int horizon() {
        return labels.size();
    }

    public List<String> labels() {
        return labels;
    }

    public double[] baseRevenue() {
        return baseRevenue.clone();
    }

    public double[] fixedCosts() {
        return fixedCosts.clone();
    }

    public double[] savingsTarget() {
        return savingsTarget.clone();
    }

    public double[] restructuringCost() {
        return restructuringCost.clone();
    }

    public double[] capex() {
        return capex.clone();
    }

    public double[] debtMaturity() {
        return debtMaturity.clone();
    }
}
