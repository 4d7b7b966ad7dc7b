package dev.runway.fit;

import dev.runway.model.FiscalQuarter;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.util.Pair;

import java.util.List;

/**
 * A quarterly series as seasonal means plus an AR(1) around them:
 * {@code x(t) - m(q(t)) = phi (x(t-1) - m(q(t-1))) + sigma e(t)}, {@code e} independent standard
 * normals, {@code q(t)} the fiscal quarter (1 to 4) of t. Fitted by conditional maximum
 * likelihood, which for normal errors is least squares on the n - 1 quarters after the first:
 * first by ordinary least squares in the linear form {@code x(t) = c(q(t)) + phi x(t-1)} with
 * {@code c(q) = m(q) - phi m(q-1)}, then polished by commons-math3's Levenberg–Marquardt in the
 * parameters {@code m1..m4, phi} themselves, whose covariance {@code s^2 (J'J)^-1} gives their
 * standard errors ({@code s^2 = RSS / (n - 1 - 5)}). {@code sigma} is the maximum-likelihood
 * {@code sqrt(RSS / (n - 1))}, its standard error {@code sigma / sqrt(2 (n - 1))}. A flow that goes out
 * in one quarter and comes back in a later one shows as seasonal means of opposite signs, and
 * phi below 0 when this quarter's surprise reverses in the next.
 *
 * @param means          m(Q1)..m(Q4), the long-run mean of each fiscal quarter
 * @param meanErrors     their standard errors
 * @param residuals      the n - 1 one-step residuals {@code x(t) - m(q(t)) - phi (x(t-1) - m(q(t-1)))}
 * @param lastDeviation  the last quarter's {@code x - m(q)}: where the AR(1) starts after the window
 */
public record SeasonalAr1(double[] means, double[] meanErrors, double phi, double phiError, double sigma,
        double sigmaError, double logLikelihood, int n, double[] residuals, FiscalQuarter last, double lastValue,
        double lastDeviation) {

    /** Estimated parameters: four means, phi and sigma. */
    public static final int PARAMETERS = 6;
    /** The fewest quarters a fit takes: three years, so each quarter's mean rests on three values. */
    public static final int MIN_QUARTERS = 12;

    public double aic() {
        return 2 * PARAMETERS - 2 * logLikelihood;
    }

    public double bic() {
        return PARAMETERS * Math.log(n - 1) - 2 * logLikelihood;
    }

    /** True when phi is at or beyond 1 in size: the deviations do not die out. */
    public boolean explosive() {
        return Math.abs(phi) >= 1;
    }

    /**
     * The fit of a series of consecutive quarters.
     *
     * @throws FitException with fewer than {@value #MIN_QUARTERS} quarters
     */
    static SeasonalAr1 fit(Series series) throws FitException {
        int n = series.size();
        if (n < MIN_QUARTERS) {
            throw new FitException("--time-series fits 4 quarterly means, phi and sigma, and needs at least "
                    + MIN_QUARTERS + " consecutive quarters (3 of each fiscal quarter); the window " + series.window()
                    + " has " + n + ": widen it with --from/--to, or add history");
        }
        double[] x = series.values();
        List<FiscalQuarter> quarters = series.quarters();
        int[] season = new int[n];
        for (int t = 0; t < n; t++) {
            season[t] = quarters.get(t).quarter() - 1;
        }
        // x(t) = c(q(t)) + phi x(t-1): ordinary least squares on four quarter dummies and the lag.
        double[] y = new double[n - 1];
        double[][] design = new double[n - 1][5];
        for (int t = 1; t < n; t++) {
            y[t - 1] = x[t];
            design[t - 1][season[t]] = 1;
            design[t - 1][4] = x[t - 1];
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(y, design);
        double[] linear;
        try {
            linear = ols.estimateRegressionParameters();
        } catch (RuntimeException e) {
            throw new FitException("the quarterly means and phi of the series " + series.window() + " cannot be told "
                    + "apart (the least-squares problem is singular: " + e.getMessage() + "); widen the window");
        }
        double phi0 = linear[4];
        double[] start = new double[5];
        // m(q) - phi m(q-1) = c(q), around the year: m(q) = c(q) + phi c(q-1) + ... / (1 - phi^4).
        for (int q = 0; q < 4; q++) {
            double sum = 0;
            double power = 1;
            for (int j = 0; j < 4; j++) {
                sum += power * linear[Math.floorMod(q - j, 4)];
                power *= phi0;
            }
            start[q] = Math.abs(1 - power) > 1e-9 ? sum / (1 - power) : mean(x, season, q);
        }
        start[4] = phi0;
        MultivariateJacobianFunction model = point -> residualsAndJacobian(point, x, season);
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(model).target(new double[n - 1]).start(start).maxEvaluations(10_000).maxIterations(10_000)
                .build());
        double[] p = optimum.getPoint().toArray();
        double[] residuals = optimum.getResiduals().toArray();
        double rss = 0;
        for (double r : residuals) {
            rss += r * r;
        }
        int m = n - 1;
        double sigma = Math.sqrt(rss / m);
        if (!(sigma > 0)) {
            throw new FitException("the series " + series.window() + " follows its quarterly means and phi exactly (no "
                    + "noise is left to fit); check the series");
        }
        double s2 = rss / (m - 5);
        RealMatrix covariance;
        try {
            covariance = optimum.getCovariances(1e-14).scalarMultiply(s2);
        } catch (SingularMatrixException e) {
            throw new FitException("the series " + series.window() + " varies too little for the quarterly means and phi "
                    + "to be told apart (their standard errors do not exist); widen the window, or fit it without "
                    + "--time-series");
        }
        double[] means = new double[4];
        double[] meanErrors = new double[4];
        for (int q = 0; q < 4; q++) {
            means[q] = p[q];
            meanErrors[q] = Math.sqrt(covariance.getEntry(q, q));
        }
        double logLikelihood = -0.5 * m * (Math.log(2 * Math.PI * sigma * sigma) + 1);
        return new SeasonalAr1(means, meanErrors, p[4], Math.sqrt(covariance.getEntry(4, 4)), sigma,
                sigma / Math.sqrt(2.0 * m), logLikelihood, n, residuals, series.to(), x[n - 1],
                x[n - 1] - means[season[n - 1]]);
    }

    private static double mean(double[] x, int[] season, int q) {
        double sum = 0;
        int count = 0;
        for (int t = 0; t < x.length; t++) {
            if (season[t] == q) {
                sum += x[t];
                count++;
            }
        }
        return sum / count;
    }

    /**
     * The residuals {@code r(t) = x(t) - m(q(t)) - phi (x(t-1) - m(q(t-1)))} as the model's value
     * against a target of zeros, so the optimizer's "residual" {@code 0 - value} is {@code -r}: the
     * value is {@code -r}, and the Jacobian its derivatives.
     */
    private static Pair<RealVector, RealMatrix> residualsAndJacobian(RealVector point, double[] x, int[] season) {
        double[] p = point.toArray();
        int m = x.length - 1;
        double[] value = new double[m];
        double[][] jacobian = new double[m][5];
        for (int t = 1; t < x.length; t++) {
            double previous = x[t - 1] - p[season[t - 1]];
            double r = x[t] - p[season[t]] - p[4] * previous;
            value[t - 1] = -r;
            jacobian[t - 1][season[t]] += 1;
            jacobian[t - 1][season[t - 1]] -= p[4];
            jacobian[t - 1][4] = previous;
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] meanErrors() {
        return meanErrors.clone();
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }
}
