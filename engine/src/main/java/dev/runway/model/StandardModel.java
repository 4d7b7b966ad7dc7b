package dev.runway.model;

import java.util.List;

/**
 * The names and the rules of the standard model (the project's MODEL.md): the formulas an input
 * folder without a model file gets, built into the jar as {@code standard-model.csv}. Its ten
 * drivers and six schedule columns stay required in such a folder, and its drivers keep the
 * ranges the formulas need.
 */
public final class StandardModel {
    /** The resource holding the standard model's formulas. */
    public static final String RESOURCE = "/dev/runway/model/standard-model.csv";

    /** Its drivers, in the order their random inputs are drawn. */
    public static final List<String> DRIVERS = List.of("opening_cash", "min_liquidity", "volume_trend",
            "volume_volatility", "volume_persistence", "contribution_margin", "savings_realization", "savings_delay",
            "restructuring_overrun", "refinancing_share");

    /** Its schedule columns. */
    public static final List<String> SCHEDULE_COLUMNS = List.of("base_revenue", "fixed_costs", "savings_target",
            "restructuring_cost", "capex", "debt_maturity");

    private StandardModel() {
    }

    /**
     * Why this distribution cannot drive this standard driver, or null if it can. Continuous
     * distributions may touch an open end of the range, which they reach with probability 0.
     */
    public static String rangeProblem(String driver, Distribution distribution) {
        double lo = distribution.lowerBound();
        double hi = distribution.upperBound();
        boolean point = distribution.kind() == DistributionKind.CONSTANT;
        return switch (driver) {
            case "volume_volatility" -> lo >= 0 ? null
                    : "volume_volatility must be >= 0, but " + distribution + " can go below 0";
            case "volume_persistence" -> lo >= 0 && (point ? hi < 1 : hi <= 1) ? null
                    : "volume_persistence must lie in [0, 1), but " + distribution + " reaches outside it";
            // A delay is a whole number of quarters; one past the longest schedule delays the savings out of any horizon.
            case "savings_delay" -> distribution.integerValued() && lo >= 0 && hi <= InputLimits.MAX_QUARTERS ? null
                    : "savings_delay must be a whole number of quarters from 0 to " + InputLimits.MAX_QUARTERS
                            + " (constant, discrete_uniform or bernoulli), found " + distribution;
            case "refinancing_share" -> lo >= 0 && hi <= 1 ? null
                    : "refinancing_share must lie in [0, 1], but " + distribution + " reaches outside it";
            default -> null;
        };
    }
}
