package dev.runway.model;

import java.util.Locale;

/**
 * The per-path drivers of the model, each drawn once per path. Each knows the range its values
 * must stay in, so an input whose distribution can leave that range is rejected before a run.
 */
public enum Driver {
    OPENING_CASH,
    MIN_LIQUIDITY,
    VOLUME_TREND,
    VOLUME_VOLATILITY,
    VOLUME_PERSISTENCE,
    CONTRIBUTION_MARGIN,
    SAVINGS_REALIZATION,
    SAVINGS_DELAY,
    RESTRUCTURING_OVERRUN,
    REFINANCING_SHARE;

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Driver fromCsv(String name) {
        for (Driver driver : values()) {
            if (driver.csvName().equals(name)) {
                return driver;
            }
        }
        return null;
    }

    public static String csvNames() {
        StringBuilder names = new StringBuilder();
        for (Driver driver : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(driver.csvName());
        }
        return names.toString();
    }

    /**
     * Why this distribution cannot drive this driver, or null if it can. Continuous
     * distributions may touch an open end of the range, which they reach with probability 0.
     */
    public String rangeProblem(Distribution distribution) {
        double lo = distribution.lowerBound();
        double hi = distribution.upperBound();
        boolean point = distribution.kind() == DistributionKind.CONSTANT;
        switch (this) {
            case VOLUME_VOLATILITY:
                return lo >= 0 ? null : "volume_volatility must be >= 0, but " + distribution + " can go below 0";
            case VOLUME_PERSISTENCE:
                return lo >= 0 && (point ? hi < 1 : hi <= 1) ? null
                        : "volume_persistence must lie in [0, 1), but " + distribution + " reaches outside it";
            case SAVINGS_DELAY:
                return distribution.integerValued() && lo >= 0 ? null
                        : "savings_delay must be a whole number of quarters >= 0 (constant, discrete_uniform or "
                                + "bernoulli), found " + distribution;
            case REFINANCING_SHARE:
                return lo >= 0 && hi <= 1 ? null
                        : "refinancing_share must lie in [0, 1], but " + distribution + " reaches outside it";
            default:
                return null;
        }
    }
}
