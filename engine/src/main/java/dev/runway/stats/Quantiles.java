package dev.runway.stats;

/**
 * The percentiles of one reported item in one quarter, with their intervals, the mean of its
 * lowest values and its range, however they were found: exactly from every path
 * ({@link ExactQuantiles}) or from a streamed {@link LogHistogram}. Both read the same order
 * statistics ({@link #ranks}) and interpolate them the same way ({@link #interpolate}); they
 * differ only in how they find the value of a rank.
 */
interface Quantiles {
    /** Per level, the ranks {@link #ranks} gives: the two the estimate interpolates, then the interval's ends. */
    int RANKS_PER_LEVEL = 4;

    /** The percentile at {@code levels[index]} of the call that made this, with its interval. */
    Estimate quantile(int index);

    /** The mean of the {@code tailCount} smallest values. */
    double tailMean();

    double min();

    double max();

    /** Quantiles already found. */
    record Found(Estimate[] quantiles, double tailMean, double min, double max) implements Quantiles {
        @Override
        public Estimate quantile(int index) {
            return quantiles[index];
        }

        @Override
        public Estimate[] quantiles() {
            return quantiles.clone();
        }
    }

    /**
     * The 0-based ranks, in a sample of {@code n}, whose values give the percentiles at
     * {@code levels}: per level ({@link #RANKS_PER_LEVEL} each) the two order statistics the
     * estimate interpolates, then the two ends of its interval ({@link Intervals#orderStatisticRanks}).
     *
     * @param levels percentile levels in (0, 1)
     */
    static int[] ranks(long n, double[] levels, double confidence) {
        int[] ranks = new int[RANKS_PER_LEVEL * levels.length];
        for (int l = 0; l < levels.length; l++) {
            if (!(levels[l] > 0 && levels[l] < 1)) {
                throw new IllegalArgumentException("levels must be in (0, 1), found " + levels[l]);
            }
            int[] interval = Intervals.orderStatisticRanks(n, levels[l], confidence);
            int lower = (int) Math.floor((n - 1) * levels[l]);
            ranks[RANKS_PER_LEVEL * l] = lower;
            ranks[RANKS_PER_LEVEL * l + 1] = (int) Math.min(lower + 1, n - 1);
            ranks[RANKS_PER_LEVEL * l + 2] = interval[0];
            ranks[RANKS_PER_LEVEL * l + 3] = interval[1];
        }
        return ranks;
    }

    /**
     * The percentiles at {@code levels}, from the values {@code atRank} of the {@link #ranks} of
     * a sample of {@code n}: linear interpolation between order statistics (Hyndman and Fan's
     * type 7), {@code x[h] + (h - floor h)(x[h+1] - x[h])} with {@code h = (n-1) p}, each between
     * its interval's two order statistics (widened to hold the estimate, which need not be one).
     */
    static Estimate[] interpolate(long n, double[] levels, int[] ranks, double[] atRank) {
        Estimate[] quantiles = new Estimate[levels.length];
        for (int l = 0; l < levels.length; l++) {
            int at = RANKS_PER_LEVEL * l;
            double h = (n - 1) * levels[l];
            double lower = atRank[at];
            double estimate = lower + (h - ranks[at]) * (atRank[at + 1] - lower);
            quantiles[l] = new Estimate(estimate, Math.min(atRank[at + 2], estimate), Math.max(atRank[at + 3], estimate));
        }
        return quantiles;
    }
}
