package dev.runway.model;

import java.io.Serializable;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Objects;

/**
 * The correlation matrix of the normals behind a Gaussian copula: {@code k x k}, symmetric, unit
 * diagonal, every entry in [-1, 1]. Immutable and validated when built; the Cholesky factor
 * {@code L} with {@code L L^T = C} turns independent standard normals {@code z} into correlated
 * ones {@code L z}, which the samplers then map to the drivers through their quantiles.
 *
 * <p>A matrix assembled entry by entry from judgement is often not positive semidefinite, so
 * {@link #nearestPositiveDefinite} repairs it to the nearest valid one. The inputs give rank
 * correlations; {@link #gaussianFromSpearman} converts them to the correlations of the normals.
 * All matrix work goes through EJML.
 */
public final class CorrelationMatrix implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Largest departure from symmetry, or of a diagonal entry from 1, accepted as rounding in the input. */
    static final double ENTRY_TOLERANCE = 1e-12;
    /** The repair stops once an iteration moves both of its iterates by less than this (Frobenius norm). */
    static final double REPAIR_TOLERANCE = 1e-12;
    /** The repair stops after this many iterations even if it has not met {@link #REPAIR_TOLERANCE}. */
    static final int REPAIR_MAX_ITERATIONS = 1000;
    /** Rounding can leave a nudged matrix a few ulps short of the floor; each retry adds the shortfall again. */
    private static final int NUDGE_ATTEMPTS = 50;

    private final DMatrixRMaj entries;
    private final double smallestEigenvalue;

    /**
     * The outcome of {@link #nearestPositiveDefinite}: the repaired matrix, its Frobenius distance
     * {@code ||C - C'||_F} from the original, the largest change of a single entry
     * {@code max |c_ij - c'_ij|}, and the number of projection iterations (1000 means the
     * iteration stopped at its limit before converging; 0 means no repair was needed).
     */
    public record Repair(CorrelationMatrix matrix, double frobeniusDistance, double largestChange, int iterations)
            implements Serializable {
    }

    private CorrelationMatrix(DMatrixRMaj entries) {
        this.entries = entries;
        this.smallestEigenvalue = smallestEigenvalue(entries);
    }

    /**
     * Validates and copies {@code c}: it must be square and non-empty, every entry finite and in
     * [-1, 1], the diagonal 1 and {@code |c_ij - c_ji| <= 1e-12}. Entries within that tolerance are
     * stored exactly: the diagonal as 1, each off-diagonal pair as the mean of the two.
     *
     * @throws IllegalArgumentException naming the first bad row or entry, indexed from 0
     */
    public static CorrelationMatrix of(double[][] c) {
        Objects.requireNonNull(c, "correlation matrix");
        int k = c.length;
        if (k == 0) {
            throw new IllegalArgumentException("a correlation matrix needs at least one row");
        }
        for (int i = 0; i < k; i++) {
            if (c[i] == null) {
                throw new IllegalArgumentException("correlation matrix row " + i + " is null");
            }
            if (c[i].length != k) {
                throw new IllegalArgumentException("a correlation matrix must be square: row " + i + " has "
                        + c[i].length + " entries, expected " + k);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double value = c[i][j];
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(entry(i, j) + " = " + value + " is not finite");
                }
                if (Math.abs(value) > 1) {
                    throw new IllegalArgumentException(entry(i, j) + " = " + value + " lies outside [-1, 1]");
                }
                if (i == j && Math.abs(value - 1) > ENTRY_TOLERANCE) {
                    throw new IllegalArgumentException("diagonal " + entry(i, j) + " = " + value + " must be 1");
                }
            }
        }
        DMatrixRMaj entries = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) {
            entries.set(i, i, 1.0);
            for (int j = i + 1; j < k; j++) {
                if (Math.abs(c[i][j] - c[j][i]) > ENTRY_TOLERANCE) {
                    throw new IllegalArgumentException("the matrix must be symmetric: " + entry(i, j) + " = " + c[i][j]
                            + " differs from " + entry(j, i) + " = " + c[j][i]);
                }
                double mean = 0.5 * (c[i][j] + c[j][i]);
                entries.set(i, j, mean);
                entries.set(j, i, mean);
            }
        }
        return new CorrelationMatrix(entries);
    }

    private static String entry(int i, int j) {
        return "correlation entry [" + i + "][" + j + "]";
    }

    /** The number of rows (and columns), {@code k}. */
    public int size() {
        return entries.numRows;
    }

    /** The entry in row {@code i}, column {@code j}, both indexed from 0. */
    public double get(int i, int j) {
        Objects.checkIndex(i, size());
        Objects.checkIndex(j, size());
        return entries.get(i, j);
    }

    /** The smallest eigenvalue, from EJML's symmetric eigen decomposition (computed once, when built). */
    public double smallestEigenvalue() {
        return smallestEigenvalue;
    }

    /** Whether the smallest eigenvalue is above 0; {@link #cholesky} throws unless it is. */
    public boolean positiveDefinite() {
        return smallestEigenvalue > 0;
    }

    /**
     * The lower-triangular {@code L} with {@code L L^T = C} (zeros above the diagonal), from EJML's
     * Cholesky decomposition.
     *
     * @throws IllegalStateException if C is not positive definite, giving the smallest eigenvalue;
     *         {@link #nearestPositiveDefinite} with a small positive floor makes it so
     */
    public double[][] cholesky() {
        if (!positiveDefinite()) {
            throw new IllegalStateException("the correlation matrix is not positive definite: its smallest eigenvalue is "
                    + smallestEigenvalue + "; repair it with nearestPositiveDefinite(1e-6)");
        }
        int k = size();
        CholeskyDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.chol(k, true);
        if (!decomposition.decompose(entries.copy())) {
            throw new IllegalStateException("the correlation matrix is numerically singular: its smallest eigenvalue is "
                    + smallestEigenvalue + " and EJML's Cholesky decomposition failed; repair it with "
                    + "nearestPositiveDefinite(1e-6)");
        }
        DMatrixRMaj lower = decomposition.getT(null);
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                l[i][j] = lower.get(i, j);
            }
        }
        return l;
    }

    /**
     * The nearest correlation matrix, in the Frobenius norm, whose eigenvalues are all at least
     * {@code minEigenvalue}: Higham's (2002) alternating projections with Dykstra's correction.
     * With {@code A} this matrix, {@code Y_0 = A} and {@code dS_0 = 0}, iteration {@code k} computes
     * <pre>
     *   R_k  = Y_(k-1) - dS_(k-1)
     *   X_k  = P_S(R_k)      eigenvalues below minEigenvalue raised to it: V max(Lambda, minEigenvalue) V^T
     *   dS_k = X_k - R_k     Dykstra's correction, needed because S is not an affine set
     *   Y_k  = P_U(X_k)      the diagonal set to 1 (U is affine, so it needs no correction)
     * </pre>
     * and stops when {@code max(||X_k - X_(k-1)||_F, ||Y_k - Y_(k-1)||_F) < 1e-12}, or after
     * 1000 iterations. Both sets are convex, so the limit is the unique
     * nearest matrix in their intersection.
     *
     * <p>The last {@code Y_k} is made exactly symmetric and unit-diagonal, but because it is a
     * projection onto U it falls short of the eigenvalue floor by about the final tolerance
     * (2e-13 on the test matrices).
     * If its smallest eigenvalue {@code lambda} is below {@code minEigenvalue}, it is shrunk towards
     * the identity, {@code C' = (C + eps I) / (1 + eps)}, which keeps the unit diagonal and maps
     * each eigenvalue {@code l} to {@code (l + eps) / (1 + eps)}; the smallest {@code eps} that
     * works is {@code (minEigenvalue - lambda) / (1 - minEigenvalue)}, increased by the shortfall
     * again should rounding leave the recomputed eigenvalue a few ulps short. This moves the result
     * by about {@code eps ||C - I||_F} (typically 1e-13 or less), so the distance reported is the
     * true minimum up to that.
     *
     * <p>A matrix whose smallest eigenvalue is already at least {@code minEigenvalue} is its own
     * nearest one: it is returned unchanged, with distance 0 and 0 iterations.
     *
     * @param minEigenvalue the floor for every eigenvalue, in [0, 1); a small positive value such
     *        as 1e-6 makes {@link #cholesky} succeed, 0 gives the nearest semidefinite matrix
     * @throws IllegalArgumentException if {@code minEigenvalue} is not in [0, 1) (the eigenvalues
     *         sum to k, so only the identity has them all at 1)
     */
    public Repair nearestPositiveDefinite(double minEigenvalue) {
        if (!(minEigenvalue >= 0 && minEigenvalue < 1)) {
            throw new IllegalArgumentException("minEigenvalue = " + minEigenvalue + " must lie in [0, 1)");
        }
        if (smallestEigenvalue >= minEigenvalue) {
            return new Repair(this, 0.0, 0.0, 0);
        }
        int k = size();
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(k, true, true);
        DMatrixRMaj y = entries.copy();
        DMatrixRMaj x = entries.copy();
        DMatrixRMaj correction = new DMatrixRMaj(k, k);
        DMatrixRMaj r = new DMatrixRMaj(k, k);
        DMatrixRMaj step = new DMatrixRMaj(k, k);
        int iterations = 0;
        while (iterations < REPAIR_MAX_ITERATIONS) {
            iterations++;
            CommonOps_DDRM.subtract(y, correction, r);
            DMatrixRMaj nextX = raiseEigenvalues(r, minEigenvalue, eigen);
            CommonOps_DDRM.subtract(nextX, r, correction);
            DMatrixRMaj nextY = nextX.copy();
            setUnitDiagonal(nextY);
            double change = Math.max(distance(nextX, x, step), distance(nextY, y, step));
            x = nextX;
            y = nextY;
            if (change < REPAIR_TOLERANCE) {
                break;
            }
        }

        symmetrize(y);
        setUnitDiagonal(y);
        double lambda = smallestEigenvalue(y);
        DMatrixRMaj repaired = y;
        double eps = 0;
        for (int attempt = 0; lambda < minEigenvalue; attempt++) {
            if (attempt == NUDGE_ATTEMPTS) {
                throw new IllegalStateException("could not raise the repaired matrix's smallest eigenvalue "
                        + lambda + " to " + minEigenvalue);
            }
            eps += attempt == 0
                    ? (minEigenvalue - lambda) / (1 - minEigenvalue)
                    : Math.max(minEigenvalue - lambda, Math.ulp(1.0));
            repaired = shrunkTowardsIdentity(y, eps);
            lambda = smallestEigenvalue(repaired);
        }

        CommonOps_DDRM.subtract(entries, repaired, step);
        return new Repair(new CorrelationMatrix(repaired), NormOps_DDRM.normF(step),
                CommonOps_DDRM.elementMaxAbs(step), iterations);
    }

    /** {@code P_S}: the symmetric matrix with the same eigenvectors and every eigenvalue raised to at least {@code floor}. */
    private static DMatrixRMaj raiseEigenvalues(DMatrixRMaj m, double floor,
                                                EigenDecomposition_F64<DMatrixRMaj> eigen) {
        int k = m.numRows;
        decompose(eigen, m);
        DMatrixRMaj vectors = new DMatrixRMaj(k, k);
        DMatrixRMaj scaled = new DMatrixRMaj(k, k);
        for (int e = 0; e < k; e++) {
            double value = Math.max(eigen.getEigenvalue(e).real, floor);
            DMatrixRMaj vector = eigen.getEigenVector(e);
            for (int i = 0; i < k; i++) {
                vectors.set(i, e, vector.get(i));
                scaled.set(i, e, value * vector.get(i));
            }
        }
        DMatrixRMaj result = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransB(scaled, vectors, result);
        symmetrize(result);
        return result;
    }

    /** {@code (m + eps I) / (1 + eps)}, with the diagonal set to exactly 1. */
    private static DMatrixRMaj shrunkTowardsIdentity(DMatrixRMaj m, double eps) {
        DMatrixRMaj result = m.copy();
        CommonOps_DDRM.scale(1 / (1 + eps), result);
        setUnitDiagonal(result);
        return result;
    }

    private static double distance(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj work) {
        CommonOps_DDRM.subtract(a, b, work);
        return NormOps_DDRM.normF(work);
    }

    private static void symmetrize(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = i + 1; j < m.numCols; j++) {
                double mean = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, mean);
                m.set(j, i, mean);
            }
        }
    }

    private static void setUnitDiagonal(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            m.set(i, i, 1.0);
        }
    }

    private static double smallestEigenvalue(DMatrixRMaj m) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(m.numRows, false, true);
        decompose(eigen, m);
        double smallest = Double.POSITIVE_INFINITY;
        for (int e = 0; e < m.numRows; e++) {
            smallest = Math.min(smallest, eigen.getEigenvalue(e).real);
        }
        return smallest;
    }

    private static void decompose(EigenDecomposition_F64<DMatrixRMaj> eigen, DMatrixRMaj m) {
        // EJML may overwrite its input, so it gets a copy.
        if (!eigen.decompose(m.copy())) {
            throw new IllegalStateException("EJML's symmetric eigen decomposition did not converge");
        }
    }

    /**
     * The correlation {@code r} of the normals of a Gaussian copula whose continuous marginals
     * have Spearman rank correlation {@code rhoS}: {@code r = 2 sin(pi rhoS / 6)}, the inverse of
     * Pearson's (1907) {@code rhoS = (6 / pi) asin(r / 2)} for the bivariate normal. Clamped to
     * [-1, 1] against rounding.
     */
    public static double gaussianFromSpearman(double rhoS) {
        requireCorrelation(rhoS, "Spearman rank correlation");
        return clampToUnit(2 * Math.sin(Math.PI * rhoS / 6));
    }

    /** The Spearman rank correlation {@code (6 / pi) asin(r / 2)} of normals with correlation {@code r}; inverse of {@link #gaussianFromSpearman}. */
    public static double spearmanFromGaussian(double r) {
        requireCorrelation(r, "correlation of the normals");
        return clampToUnit(6 / Math.PI * Math.asin(r / 2));
    }

    private static void requireCorrelation(double value, String name) {
        if (!(Math.abs(value) <= 1)) {
            throw new IllegalArgumentException(name + " = " + value + " must lie in [-1, 1]");
        }
    }

    private static double clampToUnit(double value) {
        return Math.max(-1.0, Math.min(1.0, value));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("CorrelationMatrix[");
        for (int i = 0; i < size(); i++) {
            text.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < size(); j++) {
                text.append(j == 0 ? "" : ", ").append(entries.get(i, j));
            }
            text.append(']');
        }
        return text.append(']').toString();
    }
}
