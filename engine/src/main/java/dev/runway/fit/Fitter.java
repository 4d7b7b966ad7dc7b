package dev.runway.fit;

import dev.runway.model.Distribution;
import dev.runway.model.FiscalQuarter;
import dev.runway.model.History;
import dev.runway.model.InputLimits;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Runs a {@link FitRequest} on a history: the series, each family's fit, the ranking, the time series. */
public final class Fitter {
    private Fitter() {
    }

    /**
     * @throws FitException if the series cannot be made, the window holds too few or equal values,
     *         a family asked by name cannot fit the data, or no family can
     */
    public static FitResult fit(FitRequest request, History history) throws FitException {
        SeriesFormula formula = SeriesFormula.parse(request.series(), history);
        String name = request.name() != null ? request.name() : formula.itemName();
        if (name == null) {
            throw new FitException("--series \"" + request.series() + "\" is a formula; name the "
                    + (request.timeSeries() ? "line item" : "driver") + " it becomes with --name (e.g. --name "
                    + suggestedName(formula) + ")");
        }
        Series series = formula.over(request.fromQuarter(), request.toQuarter());
        double[] sorted = series.values();
        Arrays.sort(sorted);
        if (series.size() < 2) {
            throw new FitException("the window " + series.window() + " holds one value of the series (" + number(sorted[0])
                    + "); a fit needs at least " + minimum(request) + " values: widen the window (--from, --to) or add "
                    + "history");
        }
        if (sorted[0] == sorted[sorted.length - 1]) {
            throw new FitException("all " + series.size() + " values of the series in " + series.window() + " are "
                    + number(sorted[0]) + "; a distribution cannot be fitted to a constant: write it as constant("
                    + number(sorted[0]) + ") in drivers.csv, or widen the window");
        }
        List<FamilyFit> fits = new ArrayList<>();
        for (Family family : request.families()) {
            fits.add(fit(family, series, sorted, request.supportRange()));
        }
        fits.sort(Comparator.comparing((FamilyFit f) -> !f.fitted()).thenComparingDouble(f -> f.fitted() ? f.aic() : 0)
                .thenComparing(FamilyFit::family));
        if (!fits.get(0).fitted()) {
            if (fits.size() == 1) {
                throw new FitException(fits.get(0).reason());
            }
            throw new FitException("no family could be fitted to the series in " + series.window() + ": "
                    + String.join("; ", fits.stream().map(FamilyFit::reason).toList()));
        }
        SeasonalAr1 seasonal = request.timeSeries() ? SeasonalAr1.fit(series) : null;
        String unit = request.unit() != null ? request.unit() : formula.unit();
        return new FitResult(request, history.file(), history.sha256(), series, name, unit, fits, seasonal);
    }

    private static String suggestedName(SeriesFormula formula) {
        return String.join("_", formula.items()).length() <= 40 ? String.join("_", formula.items()) + "_fit" : "series";
    }

    /** The fewest values of the families asked for. */
    private static int minimum(FitRequest request) {
        return request.families().stream().mapToInt(f -> minimum(f, request.supportRange())).min().orElse(2);
    }

    /** The fewest values a family takes: more than its estimated parameters plus one, so AIC's small-sample correction exists. */
    static int minimum(Family family, Support support) {
        return estimated(family, support) + 2;
    }

    private static int estimated(Family family, Support support) {
        boolean fixedEnds = support != null && family.bounded();
        return switch (family) {
            case NORMAL, LOGNORMAL -> 2;
            case UNIFORM -> fixedEnds ? 0 : 2;
            case TRIANGULAR, PERT -> fixedEnds ? 1 : 3;
            case BETA -> fixedEnds ? 2 : 4;
            case STUDENT_T -> 3;
        };
    }

    /**
     * Why a Student's t fit is no fit: values that tie make its likelihood grow without bound as
     * the scale shrinks onto them, so the optimizer's "best" is a spike at the tied value, not a
     * distribution of the series. Null when the scale is at least a thousandth of the sd.
     */
    private static String collapsedScale(Family family, double[] sorted, double[] p) {
        if (family != Family.STUDENT_T) {
            return null;
        }
        double sd = Math.sqrt(StatUtils.populationVariance(sorted));
        if (p[1] >= 1e-3 * sd) {
            return null;
        }
        int most = 0;
        for (int i = 0, run = 0; i < sorted.length; i++) {
            run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
            most = Math.max(most, run);
        }
        return "student_t collapses onto the values that tie (" + most + " of the " + sorted.length + " values are equal): "
                + "its likelihood grows without bound as the scale shrinks to " + String.format(Locale.ROOT,
                "%.3g", p[1]) + ", so it is no fit; choose another family";
    }

    static FamilyFit fit(Family family, Series series, double[] sorted, Support support) {
        int n = sorted.length;
        String name = family.csvName();
        int needed = minimum(family, support);
        if (n < needed) {
            return FamilyFit.notFitted(family, n, name + " estimates " + estimated(family, support) + " parameter(s) and "
                    + "needs at least " + needed + " values; the window " + series.window() + " has " + n
                    + ": widen it with --from/--to, or add history");
        }
        String outside = outsideSupport(family, series, sorted, support);
        if (outside != null) {
            return FamilyFit.notFitted(family, n, outside);
        }
        MaximumLikelihood.Estimate estimate = MaximumLikelihood.fit(family, sorted, family.bounded() ? support : null);
        double[] p = estimate.parameters();
        if (!Double.isFinite(estimate.logLikelihood()) || Arrays.stream(p).anyMatch(v -> !Double.isFinite(v))) {
            return FamilyFit.notFitted(family, n, name + " found no finite maximum of the likelihood for the series in "
                    + series.window() + "; choose another family");
        }
        String collapsed = collapsedScale(family, sorted, p);
        if (collapsed != null) {
            return FamilyFit.notFitted(family, n, collapsed);
        }
        List<Distribution.Problem> problems = Distribution.problems(family.kind(), p);
        Distribution distribution = problems.isEmpty() ? Distribution.of(family.kind(), p) : null;
        Distribution.Problem drawing = distribution == null ? problems.get(0) : distribution.drawingProblem();
        if (drawing != null) {
            return FamilyFit.notFitted(family, n, "the best " + name + " for the series in " + series.window()
                    + " is not one Runway can draw (" + family.kind().signature() + ": " + drawing.message()
                    + "); choose another family");
        }
        return new FamilyFit(family, distribution, estimate.k(), n, estimate.logLikelihood(),
                GoodnessOfFit.of(distribution, sorted), null);
    }

    /** Why the family cannot hold the values, with what to do instead; null if it can. */
    private static String outsideSupport(Family family, Series series, double[] sorted, Support support) {
        double[] values = series.values();
        if (family == Family.LOGNORMAL && sorted[0] <= 0) {
            return "lognormal needs values above 0, and the series is " + number(sorted[0]) + " in "
                    + quarterOf(series, values, sorted[0]) + " (its lowest); shift it above 0 (e.g. --series \""
                    + grouped(series.expression()) + " + " + number(shift(sorted)) + "\", then subtract the shift in the model) "
                    + "or fit normal or student_t";
        }
        if (support != null && family.bounded() && (sorted[0] <= support.min() || sorted[sorted.length - 1] >= support.max())) {
            double out = sorted[0] <= support.min() ? sorted[0] : sorted[sorted.length - 1];
            return family.csvName() + " on --support [" + number(support.min()) + ", " + number(support.max())
                    + "] needs every value strictly inside it, and the series is " + number(out) + " in "
                    + quarterOf(series, values, out) + "; widen --support, leave it out to estimate the ends, or fit "
                    + "normal or student_t";
        }
        return null;
    }

    /** The expression as one operand of a sum: in parentheses unless it is a name. */
    private static String grouped(String expression) {
        return expression.strip().matches("[A-Za-z][A-Za-z0-9_]*") ? expression.strip() : "(" + expression + ")";
    }

    /** A round amount that lifts the lowest value above 0 by a tenth of the range. */
    private static double shift(double[] sorted) {
        double target = -sorted[0] + 0.1 * (sorted[sorted.length - 1] - sorted[0]);
        double step = Math.pow(10, Math.floor(Math.log10(target)));
        double shift = Math.ceil(target / step) * step;
        return shift > -sorted[0] ? shift : shift + step;
    }

    private static FiscalQuarter quarterOf(Series series, double[] values, double value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return series.quarters().get(i);
            }
        }
        throw new IllegalStateException("a value not in the series");
    }

    private static String number(double value) {
        return InputLimits.approximate(value);
    }
}
