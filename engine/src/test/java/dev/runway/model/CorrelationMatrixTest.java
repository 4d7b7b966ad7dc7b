package dev.runway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

/**
 * Checks {@link CorrelationMatrix} against independent arithmetic: commons-math3's eigen and LU
 * decompositions, closed-form nearest correlation matrices, the optimality condition of a
 * projection onto a convex set, and a simulated Gaussian copula.
 */
class CorrelationMatrixTest {
    private static final long SEED = 20_250_601L;

    /** Positive definite: a plausible set of four driver correlations. */
    private static final double[][] DRIVERS = {
            {1.0, 0.6, -0.3, 0.2},
            {0.6, 1.0, -0.4, 0.1},
            {-0.3, -0.4, 1.0, 0.5},
            {0.2, 0.1, 0.5, 1.0},
    };
    /** Not positive semidefinite: one eigenvalue of -0.8 (it is an equicorrelation of -0.9 after flipping a sign). */
    private static final double[][] CONTRADICTORY = {
            {1.0, 0.9, -0.9},
            {0.9, 1.0, 0.9},
            {-0.9, 0.9, 1.0},
    };
    /** The textbook "is this a correlation matrix?" example; barely not, its determinant is -0.012. */
    private static final double[][] TEXTBOOK = {
            {1.0, 0.9, 0.7},
            {0.9, 1.0, 0.3},
            {0.7, 0.3, 1.0},
    };
    /** Higham's (2002) example, whose nearest correlation matrix he gives to four decimals. */
    private static final double[][] HIGHAM = {
            {1.0, 1.0, 0.0},
            {1.0, 1.0, 1.0},
            {0.0, 1.0, 1.0},
    };

    private static double commonsMathSmallestEigenvalue(double[][] c) {
        return Arrays.stream(new EigenDecomposition(new Array2DRowRealMatrix(c)).getRealEigenvalues()).min().orElseThrow();
    }

    private static double[][] entries(CorrelationMatrix matrix) {
        int k = matrix.size();
        double[][] c = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                c[i][j] = matrix.get(i, j);
            }
        }
        return c;
    }

    private static double frobeniusDistance(double[][] a, double[][] b) {
        return Math.sqrt(inner(difference(a, b), difference(a, b)));
    }

    private static double[][] difference(double[][] a, double[][] b) {
        double[][] d = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                d[i][j] = a[i][j] - b[i][j];
            }
        }
        return d;
    }

    /** The Frobenius inner product {@code <a, b> = sum a_ij b_ij}. */
    private static double inner(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                sum += a[i][j] * b[i][j];
            }
        }
        return sum;
    }

    /** A 10 x 10 matrix of first-order autoregressive correlations 0.8^|i-j|, positive definite. */
    private static double[][] autoregressive() {
        double[][] c = new double[10][10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                c[i][j] = Math.pow(0.8, Math.abs(i - j));
            }
        }
        return c;
    }

    /** The autoregressive matrix with its two ends also made strongly correlated: contradicts the chain between them. */
    private static double[][] autoregressiveWithContradictoryEnds() {
        double[][] c = autoregressive();
        c[0][9] = -0.9;
        c[9][0] = -0.9;
        return c;
    }

    private static void assertRejected(double[][] c, String... fragments) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CorrelationMatrix.of(c));
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment), "'" + error.getMessage() + "' should name " + fragment);
        }
    }

    @Test
    void ofRejectsAnAsymmetricMatrixNamingBothEntries() {
        assertRejected(new double[][] {{1, 0.5, 0}, {0.4, 1, 0}, {0, 0, 1}}, "[0][1] = 0.5", "[1][0] = 0.4", "symmetric");
    }

    @Test
    void ofAcceptsAsymmetryWithinTheToleranceAndStoresTheMean() {
        CorrelationMatrix c = CorrelationMatrix.of(new double[][] {{1, 0.5 + 4e-13}, {0.5, 1}});
        assertEquals(0.5 + 2e-13, c.get(0, 1), 1e-15);
        assertEquals(c.get(0, 1), c.get(1, 0));
    }

    @Test
    void ofRejectsACorrelationBeyondOneNamingTheEntry() {
        assertRejected(new double[][] {{1, 0, 0}, {0, 1, -1.2}, {0, -1.2, 1}}, "[1][2] = -1.2", "[-1, 1]");
    }

    @Test
    void ofRejectsADiagonalOtherThanOneNamingTheEntry() {
        assertRejected(new double[][] {{1, 0.3}, {0.3, 0.99}}, "[1][1] = 0.99", "must be 1");
    }

    @Test
    void ofRejectsANonSquareMatrixNamingTheRow() {
        assertRejected(new double[][] {{1, 0.3}, {0.3, 1, 0}}, "square", "row 1 has 3 entries, expected 2");
        assertRejected(new double[0][0], "at least one row");
    }

    @Test
    void ofRejectsNonFiniteEntriesNamingTheEntry() {
        assertRejected(new double[][] {{1, 0.2, 0}, {0.2, 1, Double.NaN}, {0, Double.NaN, 1}}, "[1][2] = NaN", "not finite");
        assertRejected(new double[][] {{1, Double.POSITIVE_INFINITY}, {0, 1}}, "[0][1] = Infinity");
    }

    @Test
    void getChecksItsIndexes() {
        CorrelationMatrix c = CorrelationMatrix.of(DRIVERS);
        assertEquals(4, c.size());
        assertEquals(-0.4, c.get(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(4, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(0, -1));
    }

    @Test
    void choleskyFactorIsLowerTriangularAndReproducesAPositiveDefiniteMatrix() {
        for (double[][] c : new double[][][] {DRIVERS, autoregressive()}) {
            CorrelationMatrix matrix = CorrelationMatrix.of(c);
            assertTrue(matrix.positiveDefinite());
            double[][] l = matrix.cholesky();
            int k = c.length;
            for (int i = 0; i < k; i++) {
                assertTrue(l[i][i] > 0, "diagonal of L");
                for (int j = 0; j < k; j++) {
                    if (j > i) {
                        assertEquals(0.0, l[i][j], "L above its diagonal");
                    }
                    double product = 0;
                    for (int m = 0; m < k; m++) {
                        product += l[i][m] * l[j][m];
                    }
                    assertEquals(c[i][j], product, 1e-12, "(L L^T)[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void smallestEigenvalueAgreesWithCommonsMath() {
        for (double[][] c : new double[][][] {DRIVERS, autoregressive(), CONTRADICTORY, TEXTBOOK, HIGHAM,
                autoregressiveWithContradictoryEnds()}) {
            assertEquals(commonsMathSmallestEigenvalue(c), CorrelationMatrix.of(c).smallestEigenvalue(), 1e-10);
        }
    }

    @Test
    void theTextbookExampleIsNotPositiveDefinite() {
        // Its leading minors 1 and 0.19 are positive and its determinant is negative, so exactly one eigenvalue is.
        assertEquals(-0.012, new LUDecomposition(new Array2DRowRealMatrix(TEXTBOOK)).getDeterminant(), 1e-15);
        CorrelationMatrix matrix = CorrelationMatrix.of(TEXTBOOK);
        assertFalse(matrix.positiveDefinite());
        assertEquals(-0.00735244, matrix.smallestEigenvalue(), 1e-8);
    }

    @Test
    void choleskyOfANonPositiveDefiniteMatrixThrowsGivingTheSmallestEigenvalue() {
        CorrelationMatrix matrix = CorrelationMatrix.of(CONTRADICTORY);
        assertFalse(matrix.positiveDefinite());
        assertEquals(-0.8, matrix.smallestEigenvalue(), 1e-12);
        IllegalStateException error = assertThrows(IllegalStateException.class, matrix::cholesky);
        assertTrue(error.getMessage().contains("not positive definite"), error.getMessage());
        assertTrue(error.getMessage().contains(Double.toString(matrix.smallestEigenvalue())), error.getMessage());
    }

    /**
     * Flipping the sign of the second driver turns the contradictory matrix into an equicorrelation
     * of -0.9, whose eigenvalues are 1 + 2 rho and 1 - rho (twice). The problem is symmetric under
     * permutations and the nearest matrix is unique, so it is an equicorrelation too, with
     * 1 + 2 rho = floor: every |off-diagonal| is (1 - floor) / 2 and the distance is
     * sqrt(6) (0.9 - (1 - floor) / 2).
     */
    @Test
    void repairOfTheContradictoryMatrixIsTheClosedFormNearestMatrix() {
        CorrelationMatrix original = CorrelationMatrix.of(CONTRADICTORY);
        for (double floor : new double[] {0.0, 1e-6, 1e-3}) {
            CorrelationMatrix.Repair repair = original.nearestPositiveDefinite(floor);
            double magnitude = (1 - floor) / 2;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double expected = i == j ? 1.0 : Math.signum(CONTRADICTORY[i][j]) * magnitude;
                    assertEquals(expected, repair.matrix().get(i, j), 1e-10, "entry [" + i + "][" + j + "], floor " + floor);
                }
            }
            assertEquals(Math.sqrt(6) * (0.9 - magnitude), repair.frobeniusDistance(), 1e-10);
            assertEquals(0.9 - magnitude, repair.largestChange(), 1e-10);
            assertTrue(repair.iterations() > 0 && repair.iterations() < CorrelationMatrix.REPAIR_MAX_ITERATIONS);
            assertIsValidWithFloor(repair.matrix(), floor);
        }
    }

    /**
     * Higham's example: the solution is symmetric under reversing the order, [[1, a, b], [a, 1, a],
     * [b, a, 1]], and singular, which forces b = 2a^2 - 1; minimising 4 (1 - a)^2 + 2 b^2 then
     * gives 4a^3 - a - 1 = 0. He reports a = 0.7607 and b = 0.1573.
     */
    @Test
    void repairOfHighamsExampleMatchesItsClosedFormAndHisPublishedDigits() {
        double a = new BrentSolver(1e-16).solve(100, x -> 4 * x * x * x - x - 1, 0, 1);
        double b = 2 * a * a - 1;
        CorrelationMatrix.Repair repair = CorrelationMatrix.of(HIGHAM).nearestPositiveDefinite(0.0);
        CorrelationMatrix x = repair.matrix();
        assertEquals(a, x.get(0, 1), 1e-10);
        assertEquals(a, x.get(1, 2), 1e-10);
        assertEquals(b, x.get(0, 2), 1e-10);
        assertEquals(0.7607, x.get(0, 1), 5e-5);
        assertEquals(0.1573, x.get(0, 2), 5e-5);
        assertEquals(Math.sqrt(4 * (1 - a) * (1 - a) + 2 * b * b), repair.frobeniusDistance(), 1e-10);
        assertIsValidWithFloor(x, 0.0);
    }

    @Test
    void repairIsNoFartherThanRandomValidMatricesNearTheOriginal() {
        for (double[][] original : new double[][][] {TEXTBOOK, autoregressiveWithContradictoryEnds()}) {
            assertNearest(original, 1e-6);
        }
    }

    /**
     * The nearest point X of a convex set K to A is characterised by {@code <A - X, Z - X> <= 0}
     * for every Z in K (the set lies behind the plane through X normal to A - X). Each Z here is a
     * valid matrix built without the repair: the original plus symmetric noise, shrunk towards the
     * identity just enough that commons-math3 finds every eigenvalue at or above the floor. Also,
     * moving from X a thousandth of the way towards Z (staying in K, which is convex) must not
     * bring it closer to A.
     */
    private static void assertNearest(double[][] original, double floor) {
        CorrelationMatrix.Repair repair = CorrelationMatrix.of(original).nearestPositiveDefinite(floor);
        double[][] x = entries(repair.matrix());
        assertIsValidWithFloor(repair.matrix(), floor);
        assertTrue(repair.frobeniusDistance() > 0);
        assertEquals(frobeniusDistance(original, x), repair.frobeniusDistance(), 1e-14);

        UniformRandomProvider random = RandomSource.XO_SHI_RO_256_PP.create(SEED);
        int k = original.length;
        double[][] awayFromOriginal = difference(original, x);
        for (int trial = 0; trial < 200; trial++) {
            double noise = 0.1 * random.nextDouble();
            double[][] z = new double[k][k];
            for (int i = 0; i < k; i++) {
                z[i][i] = 1;
                for (int j = i + 1; j < k; j++) {
                    double value = Math.max(-1, Math.min(1, original[i][j] + noise * (2 * random.nextDouble() - 1)));
                    z[i][j] = value;
                    z[j][i] = value;
                }
            }
            double lambda = commonsMathSmallestEigenvalue(z);
            double shrink = lambda >= floor ? 0 : (floor - lambda) / (1 - lambda) + 1e-9;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    z[i][j] = i == j ? 1 : (1 - shrink) * z[i][j];
                }
            }
            assertTrue(commonsMathSmallestEigenvalue(z) >= floor);

            assertTrue(frobeniusDistance(original, z) >= repair.frobeniusDistance() - 1e-12,
                    "trial " + trial + " found a valid matrix closer to the original");
            double[][] towardsZ = difference(z, x);
            assertTrue(inner(awayFromOriginal, towardsZ) <= 1e-10,
                    "trial " + trial + ": <A - X, Z - X> = " + inner(awayFromOriginal, towardsZ));
            double[][] nudged = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    nudged[i][j] = x[i][j] + 1e-3 * towardsZ[i][j];
                }
            }
            assertTrue(frobeniusDistance(original, nudged) >= repair.frobeniusDistance() - 1e-13,
                    "trial " + trial + ": a step from the repair towards a valid matrix came closer");
        }
    }

    private static void assertIsValidWithFloor(CorrelationMatrix matrix, double floor) {
        int k = matrix.size();
        for (int i = 0; i < k; i++) {
            assertEquals(1.0, matrix.get(i, i), "diagonal");
            for (int j = 0; j < k; j++) {
                assertEquals(matrix.get(i, j), matrix.get(j, i), "symmetry");
            }
        }
        assertTrue(matrix.smallestEigenvalue() >= floor, "smallest eigenvalue " + matrix.smallestEigenvalue());
        assertTrue(commonsMathSmallestEigenvalue(entries(matrix)) >= floor - 1e-14);
        if (floor > 0) {
            assertEquals(k, matrix.cholesky().length);
        }
    }

    @Test
    void repairLeavesAMatrixAlreadyAboveTheFloorUnchanged() {
        CorrelationMatrix matrix = CorrelationMatrix.of(DRIVERS);
        CorrelationMatrix.Repair repair = matrix.nearestPositiveDefinite(1e-6);
        assertSame(matrix, repair.matrix());
        assertEquals(0.0, repair.frobeniusDistance());
        assertEquals(0, repair.iterations());
    }

    /** For [[1, c], [c, 1]] the eigenvalues are 1 +- c, so a floor above 1 - c moves c to exactly 1 - floor. */
    @Test
    void repairRaisesAPositiveDefiniteMatrixWhoseSmallestEigenvalueIsBelowTheFloor() {
        CorrelationMatrix matrix = CorrelationMatrix.of(new double[][] {{1, 0.9999999}, {0.9999999, 1}});
        assertTrue(matrix.positiveDefinite());
        CorrelationMatrix.Repair repair = matrix.nearestPositiveDefinite(1e-6);
        assertEquals(1 - 1e-6, repair.matrix().get(0, 1), 1e-15);
        assertEquals(Math.sqrt(2) * 9e-7, repair.frobeniusDistance(), 1e-15);
        assertIsValidWithFloor(repair.matrix(), 1e-6);
    }

    @Test
    void repairRejectsAFloorOutsideZeroToOne() {
        CorrelationMatrix matrix = CorrelationMatrix.of(CONTRADICTORY);
        for (double floor : new double[] {-1e-6, 1.0, Double.NaN}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> matrix.nearestPositiveDefinite(floor));
            assertTrue(error.getMessage().contains("minEigenvalue = " + floor), error.getMessage());
        }
    }

    @Test
    void gaussianFromSpearmanAndSpearmanFromGaussianAreInverses() {
        for (int step = -100; step <= 100; step++) {
            double value = step / 100.0;
            assertEquals(value, CorrelationMatrix.spearmanFromGaussian(CorrelationMatrix.gaussianFromSpearman(value)), 1e-14);
            assertEquals(value, CorrelationMatrix.gaussianFromSpearman(CorrelationMatrix.spearmanFromGaussian(value)), 1e-14);
        }
        // 2 sin(pi / 12) = 2 sin(15 degrees) = (sqrt 6 - sqrt 2) / 2: the mapping is not the identity.
        assertEquals((Math.sqrt(6) - Math.sqrt(2)) / 2, CorrelationMatrix.gaussianFromSpearman(0.5), 1e-15);
        assertEquals(0.0, CorrelationMatrix.gaussianFromSpearman(0.0));
        assertTrue(Math.abs(CorrelationMatrix.spearmanFromGaussian(1.0)) <= 1.0);
        assertThrows(IllegalArgumentException.class, () -> CorrelationMatrix.gaussianFromSpearman(1.01));
        assertThrows(IllegalArgumentException.class, () -> CorrelationMatrix.spearmanFromGaussian(Double.NaN));
    }

    /**
     * Normals correlated through the Cholesky factor of [[1, r], [r, 1]], r = gaussianFromSpearman(0.6),
     * must show Spearman's rho 0.6. Standard error from Bonett and Wright (2000),
     * var(atanh(rho_S)) = (1 + rho_S^2 / 2) / (n - 3), by the delta method
     * SE = (1 - rho_S^2) sqrt((1 + rho_S^2 / 2) / (n - 3)) = 0.0049 here; 1000 replications of this
     * test gave a standard deviation of 0.0048.
     */
    @Test
    void simulatedGaussianCopulaHasTheRequestedSpearmanCorrelation() {
        double target = 0.6;
        int n = 20_000;
        double[][] l = CorrelationMatrix.of(new double[][] {
                {1, CorrelationMatrix.gaussianFromSpearman(target)},
                {CorrelationMatrix.gaussianFromSpearman(target), 1}}).cholesky();
        ZigguratSampler.NormalizedGaussian normal =
                ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_SHI_RO_256_PP.create(SEED));
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z1 = normal.sample();
            double z2 = normal.sample();
            x[i] = l[0][0] * z1;
            y[i] = l[1][0] * z1 + l[1][1] * z2;
        }
        double spearman = new SpearmansCorrelation().correlation(x, y);
        double standardError = (1 - target * target) * Math.sqrt((1 + target * target / 2) / (n - 3));
        assertEquals(target, spearman, 4 * standardError);
    }
}
