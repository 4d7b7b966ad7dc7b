package dev.runway.fit;

import dev.runway.model.DistributionKind;

import java.util.Arrays;
import java.util.List;

/**
 * The distributions {@code runway fit} fits: the continuous ones Runway draws. The discrete ones
 * are not fitted: a history of amounts is continuous, and a likelihood of counts cannot be ranked
 * against densities by AIC; a constant series is refused with the constant row to write instead.
 */
public enum Family {
    NORMAL(DistributionKind.NORMAL),
    LOGNORMAL(DistributionKind.LOGNORMAL),
    UNIFORM(DistributionKind.UNIFORM),
    TRIANGULAR(DistributionKind.TRIANGULAR),
    PERT(DistributionKind.PERT),
    BETA(DistributionKind.BETA),
    STUDENT_T(DistributionKind.STUDENT_T);

    /** The word for every family at once, ranked by AIC. */
    public static final String AUTO = "auto";

    private final DistributionKind kind;

    Family(DistributionKind kind) {
        this.kind = kind;
    }

    /** The distribution of drivers.csv it fits. */
    public DistributionKind kind() {
        return kind;
    }

    /** Its name in drivers.csv and on the command line, e.g. {@code student_t}. */
    public String csvName() {
        return kind.csvName();
    }

    /** True for the families on a bounded interval, whose ends {@code --support} may fix. */
    public boolean bounded() {
        return switch (this) {
            case UNIFORM, TRIANGULAR, PERT, BETA -> true;
            case NORMAL, LOGNORMAL, STUDENT_T -> false;
        };
    }

    /** The family of a name, or null. */
    public static Family fromName(String name) {
        return Arrays.stream(values()).filter(f -> f.csvName().equals(name)).findFirst().orElse(null);
    }

    /** The names, for messages and the help. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Family::csvName).toList();
    }
}
