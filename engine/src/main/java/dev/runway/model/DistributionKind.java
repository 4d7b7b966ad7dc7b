package dev.runway.model;

import java.util.Locale;

/**
 * The distributions a driver or an event amount may follow, with how many of the positional
 * parameters p1..p4 each one requires and accepts.
 */
public enum DistributionKind {
    CONSTANT(1, 1, "value"),
    NORMAL(2, 2, "mean", "sd"),
    LOGNORMAL(2, 2, "mean of ln X", "sd of ln X"),
    UNIFORM(2, 2, "min", "max"),
    TRIANGULAR(3, 3, "min", "mode", "max"),
    PERT(3, 3, "min", "mode", "max"),
    BETA(2, 4, "alpha", "beta", "min", "max"),
    STUDENT_T(3, 3, "location", "scale", "degrees of freedom"),
    DISCRETE_UNIFORM(2, 2, "min", "max"),
    BERNOULLI(1, 1, "probability");

    private final int required;
    private final int accepted;
    private final String[] parameterNames;

    DistributionKind(int required, int accepted, String... parameterNames) {
        this.required = required;
        this.accepted = accepted;
        this.parameterNames = parameterNames;
    }

    /** The name used in the CSV files, e.g. {@code student_t}. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int requiredParameters() {
        return required;
    }

    public int acceptedParameters() {
        return accepted;
    }

    public String parameterName(int index) {
        return parameterNames[index];
    }

    /** The kind named in a CSV cell, or null if there is none of that name. */
    public static DistributionKind fromCsv(String name) {
        for (DistributionKind kind : values()) {
            if (kind.csvName().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** The accepted names, for error messages. */
    public static String csvNames() {
        StringBuilder names = new StringBuilder();
        for (DistributionKind kind : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(kind.csvName());
        }
        return names.toString();
    }

    /** How a row of this kind is written: {@code pert(min, mode, max)}. */
    public String signature() {
        StringBuilder text = new StringBuilder(csvName()).append('(');
        for (int i = 0; i < parameterNames.length; i++) {
            text.append(i == 0 ? "" : ", ").append(parameterNames[i]);
            if (i >= required) {
                text.append(" (optional)");
            }
        }
        return text.append(')').toString();
    }
}
