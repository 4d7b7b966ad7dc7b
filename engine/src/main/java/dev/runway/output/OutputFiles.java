package dev.runway.output;

import dev.runway.output.Column.Estimated;
import dev.runway.stats.ScenarioStatistics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static dev.runway.output.Numbers.Kind.DECIMAL;
import static dev.runway.output.Numbers.Kind.ESTIMATE;
import static dev.runway.output.Numbers.Kind.MONEY;
import static dev.runway.output.Numbers.Kind.PROBABILITY;

/**
 * Every file of an output folder (docs/model.md §12), each CSV's columns defined once: the
 * writer ({@link ResultWriter}) and the reader ({@link OutputFolderReader}) both use these
 * schemas. An estimate's interval columns ({@code _lo}, {@code _hi}) follow all the values.
 */
public final class OutputFiles {
    /** The report's page; its charts are in {@code charts/}. */
    public static final String REPORT_PAGE = "report.html";

    private OutputFiles() {
    }

    /** Every CSV an output folder can hold: a run's, then those only {@code runway fit} writes. */
    public static List<Schema> schemas() {
        return concat(List.of(SummaryCsv.SCHEMA, ItemSummaryCsv.SCHEMA, QuarterlyCsv.SCHEMA, ItemQuarterlyCsv.SCHEMA,
                TerminalCsv.SCHEMA, SensitivityCsv.SCHEMA, SolveCsv.SCHEMA, RareCsv.SCHEMA, BacktestCsv.SCHEMA, CoverageCsv.SCHEMA,
                ManifestCsv.SCHEMA,
                FilesCsv.SCHEMA),
                explainSchemas(),
                fitOnlySchemas());
    }

    /** The CSVs of a {@code runway fit} folder that no other command writes (it writes the manifest and files.csv too). */
    public static List<Schema> fitOnlySchemas() {
        return List.of(FitsCsv.SCHEMA, FitSeriesCsv.SCHEMA, FitDriversCsv.SCHEMA, FitModelCsv.SCHEMA, TimeSeriesCsv.SCHEMA);
    }

    /** {@code summary.csv}: one row per scenario, its terminal and horizon statistics. */
    public static final class SummaryCsv {
        public static final Column SCENARIO = Column.text("scenario");
        public static final Column PATHS = Column.text("paths");
        public static final Column SEED = Column.text("seed");
        public static final Estimated TERMINAL_MEAN = Column.estimated("terminal_mean", MONEY);
        public static final Estimated TERMINAL_P05 = Column.estimated("terminal_p05", MONEY);
        public static final Estimated TERMINAL_P50 = Column.estimated("terminal_p50", MONEY);
        public static final Estimated TERMINAL_P95 = Column.estimated("terminal_p95", MONEY);
        public static final Estimated BREACH_PROB = Column.estimated("breach_prob", PROBABILITY);
        /** Empty when no path breaches. */
        public static final Column FIRST_BREACH_P50_QUARTER = Column.text("first_breach_p50_quarter");
        public static final Estimated INJECTION_PROB = Column.estimated("injection_prob", PROBABILITY);
        /** Empty when no injection fired. */
        public static final Column INJECTION_MEAN = Column.number("injection_mean", MONEY);
        public static final Schema SCHEMA = new Schema("summary.csv", columns(
                List.of(SCENARIO, PATHS, SEED, TERMINAL_MEAN.value(), TERMINAL_P05.value(), TERMINAL_P50.value(),
                        TERMINAL_P95.value(), BREACH_PROB.value(), FIRST_BREACH_P50_QUARTER, INJECTION_PROB.value(),
                        INJECTION_MEAN),
                TERMINAL_MEAN, TERMINAL_P05, TERMINAL_P50, TERMINAL_P95, BREACH_PROB, INJECTION_PROB));

        private SummaryCsv() {
        }
    }

    /** {@code item_summary.csv}, for a model reporting several items: per scenario and item, its terminal statistics. */
    public static final class ItemSummaryCsv {
        public static final Column ITEM = Column.text("item");
        public static final Column UNIT = Column.text("unit");
        public static final Schema SCHEMA = new Schema("item_summary.csv", columns(
                List.of(SummaryCsv.SCENARIO, ITEM, UNIT, SummaryCsv.TERMINAL_MEAN.value(),
                        SummaryCsv.TERMINAL_P05.value(), SummaryCsv.TERMINAL_P50.value(),
                        SummaryCsv.TERMINAL_P95.value()),
                SummaryCsv.TERMINAL_MEAN, SummaryCsv.TERMINAL_P05, SummaryCsv.TERMINAL_P50, SummaryCsv.TERMINAL_P95));

        private ItemSummaryCsv() {
        }
    }

    /** {@code <scenario>/quarterly.csv}: the primary item's statistics per quarter. */
    public static final class QuarterlyCsv {
        public static final Column QUARTER = Column.text("quarter");
        public static final Column LABEL = Column.text("label");
        public static final Estimated MEAN = Column.estimated("mean", MONEY);
        public static final Column SD = Column.number("sd", MONEY);
        /** {@code p01} to {@code p99}, at the levels of {@link ScenarioStatistics#percentileLevels()}. */
        public static final List<Estimated> PERCENTILES = Arrays.stream(ScenarioStatistics.percentileLevels())
                .mapToObj(level -> Column.estimated(String.format(Locale.ROOT, "p%02d", Math.round(level * 100)), MONEY))
                .toList();
        public static final Estimated BREACH_PROB = Column.estimated("breach_prob", PROBABILITY);
        public static final Estimated CUM_BREACH_PROB = Column.estimated("cum_breach_prob", PROBABILITY);
        public static final Column CVAR05 = Column.number("cvar05", MONEY);
        public static final Schema SCHEMA = new Schema("quarterly.csv", columns(
                concat(List.of(QUARTER, LABEL, MEAN.value(), SD), values(PERCENTILES),
                        List.of(BREACH_PROB.value(), CUM_BREACH_PROB.value(), CVAR05)),
                concat(List.of(MEAN), PERCENTILES, List.of(BREACH_PROB, CUM_BREACH_PROB)).toArray(Estimated[]::new)));

        private QuarterlyCsv() {
        }
    }

    /** {@code <scenario>/item_quarterly.csv}, for a model reporting several items: per item and quarter. */
    public static final class ItemQuarterlyCsv {
        public static final Schema SCHEMA = new Schema("item_quarterly.csv", columns(
                concat(List.of(ItemSummaryCsv.ITEM, ItemSummaryCsv.UNIT, QuarterlyCsv.QUARTER, QuarterlyCsv.LABEL,
                        QuarterlyCsv.MEAN.value(), QuarterlyCsv.SD), values(QuarterlyCsv.PERCENTILES)),
                concat(List.of(QuarterlyCsv.MEAN), QuarterlyCsv.PERCENTILES).toArray(Estimated[]::new)));

        private ItemQuarterlyCsv() {
        }
    }

    /** {@code <scenario>/terminal.csv}: the histogram of the primary item at the horizon. */
    public static final class TerminalCsv {
        public static final Column BIN_LOW = Column.number("bin_low", MONEY);
        public static final Column BIN_HIGH = Column.number("bin_high", MONEY);
        public static final Column COUNT = Column.text("count");
        public static final Schema SCHEMA = new Schema("terminal.csv", List.of(BIN_LOW, BIN_HIGH, COUNT));

        private TerminalCsv() {
        }
    }

    /** {@code <scenario>/sensitivity.csv}: each driver's and event's effect on the terminal value and the breach. */
    public static final class SensitivityCsv {
        /** The driver, or {@link #EVENT_PREFIX} and an event's name. */
        public static final Column DRIVER = Column.text("driver");
        public static final Column SPEARMAN = Column.number("spearman", PROBABILITY);
        public static final Column VARIANCE_SHARE = Column.number("variance_share", PROBABILITY);
        public static final Column BREACH_PROB_AT_P10 = Column.number("breach_prob_at_p10", PROBABILITY);
        public static final Column BREACH_PROB_AT_P90 = Column.number("breach_prob_at_p90", PROBABILITY);
        public static final Column VALUE_AT_P10 = Column.number("value_at_p10", DECIMAL);
        public static final Column VALUE_AT_P90 = Column.number("value_at_p90", DECIMAL);
        public static final Column TERMINAL_MEAN_AT_P10 = Column.number("terminal_mean_at_p10", MONEY);
        public static final Column TERMINAL_MEAN_AT_P90 = Column.number("terminal_mean_at_p90", MONEY);
        /** Prefix of the rows that are an event's amount rather than a per-path driver. */
        public static final String EVENT_PREFIX = "event:";
        public static final Schema SCHEMA = new Schema("sensitivity.csv", List.of(DRIVER, SPEARMAN, VARIANCE_SHARE,
                BREACH_PROB_AT_P10, BREACH_PROB_AT_P90, VALUE_AT_P10, VALUE_AT_P90, TERMINAL_MEAN_AT_P10,
                TERMINAL_MEAN_AT_P90));

        private SensitivityCsv() {
        }
    }

    /** {@code solve.csv}: the smallest injection per scenario, quarter and target. */
    public static final class SolveCsv {
        public static final Column SCENARIO = SummaryCsv.SCENARIO;
        /** The quarter's number as the solver wrote it. */
        public static final Column QUARTER = QuarterlyCsv.QUARTER;
        public static final Column MAX_BREACH_PROB = Column.number("max_breach_prob", PROBABILITY);
        /** Empty when the target is out of reach. */
        public static final Column INJECTION = Column.number("injection", MONEY);
        public static final Column INJECTION_LO = Column.number("injection_lo", MONEY);
        public static final Column INJECTION_HI = Column.number("injection_hi", MONEY);
        public static final Column BREACH_PROB_AT_INJECTION = Column.number("breach_prob_at_injection", PROBABILITY);
        /** One of the solver's status labels. */
        public static final Column STATUS = Column.text("status");
        public static final Schema SCHEMA = new Schema("solve.csv", List.of(SCENARIO, QUARTER, MAX_BREACH_PROB,
                INJECTION, INJECTION_LO, INJECTION_HI, BREACH_PROB_AT_INJECTION, STATUS));

        private SolveCsv() {
        }
    }

    /**
     * {@code rare.csv} (with --rare): per scenario, its breach probability measured by importance
     * sampling around the design point, beside the plain paths' estimate; where importance sampling
     * could not aim at the breach, the plain estimate alone and why. Probabilities keep six
     * significant digits, as a rare one needs.
     */
    public static final class RareCsv {
        public static final Column SCENARIO = SummaryCsv.SCENARIO;
        /** {@code importance_sampling}, or {@code plain} when it could not run (see note). */
        public static final Column METHOD = Column.text("method");
        public static final Column PATHS = SummaryCsv.PATHS;
        public static final Column BREACH_PROB = Column.number("breach_prob", ESTIMATE);
        public static final Column BREACH_PROB_LO = Column.number("breach_prob_lo", ESTIMATE);
        public static final Column BREACH_PROB_HI = Column.number("breach_prob_hi", ESTIMATE);
        /** The estimate's standard error; empty for the plain estimate, whose interval is Wilson's. */
        public static final Column STD_ERROR = Column.number("std_error", ESTIMATE);
        public static final Column EFFECTIVE_SAMPLES = Column.number("effective_samples", ESTIMATE);
        public static final Column BREACHING_PATHS = Column.text("breaching_paths");
        public static final Column VARIANCE_REDUCTION = Column.number("variance_reduction", ESTIMATE);
        public static final Column DESIGN_DISTANCE = Column.number("design_distance", ESTIMATE);
        public static final Column FORM_PROB = Column.number("form_prob", ESTIMATE);
        public static final Column PLAIN_BREACH_PROB = Column.number("plain_breach_prob", ESTIMATE);
        public static final Column PLAIN_BREACH_PROB_LO = Column.number("plain_breach_prob_lo", ESTIMATE);
        public static final Column PLAIN_BREACH_PROB_HI = Column.number("plain_breach_prob_hi", ESTIMATE);
        public static final Column NOTE = Column.text("note");
        public static final Schema SCHEMA = new Schema("rare.csv", List.of(SCENARIO, METHOD, PATHS, BREACH_PROB,
                BREACH_PROB_LO, BREACH_PROB_HI, STD_ERROR, EFFECTIVE_SAMPLES, BREACHING_PATHS, VARIANCE_REDUCTION,
                DESIGN_DISTANCE, FORM_PROB, PLAIN_BREACH_PROB, PLAIN_BREACH_PROB_LO, PLAIN_BREACH_PROB_HI, NOTE));

        private RareCsv() {
        }
    }

    /** {@code backtest.csv}: each realized value against the forecast of its scenario, quarter and item. */
    public static final class BacktestCsv {
        public static final Column SCENARIO = SummaryCsv.SCENARIO;
        public static final Column QUARTER = QuarterlyCsv.QUARTER;
        public static final Column LABEL = QuarterlyCsv.LABEL;
        public static final Column ITEM = ItemSummaryCsv.ITEM;
        public static final Column UNIT = ItemSummaryCsv.UNIT;
        public static final Column ACTUAL = Column.number("actual", MONEY);
        public static final Column P05 = Column.number("p05", MONEY);
        public static final Column P25 = Column.number("p25", MONEY);
        public static final Column P50 = Column.number("p50", MONEY);
        public static final Column P75 = Column.number("p75", MONEY);
        public static final Column P95 = Column.number("p95", MONEY);
        public static final Column MEAN = Column.number("mean", MONEY);
        /** The share of paths below the actual, ties counted half. */
        public static final Column PIT = Column.number("pit", PROBABILITY);
        /** 1 when the actual is in P25..P75, else 0. */
        public static final Column IN_50 = Column.text("in_50");
        /** 1 when the actual is in P05..P95, else 0. */
        public static final Column IN_90 = Column.text("in_90");
        public static final Column CRPS = Column.number("crps", MONEY);
        public static final Column SOURCE = Column.text("source");
        public static final Schema SCHEMA = new Schema("backtest.csv", List.of(SCENARIO, QUARTER, LABEL, ITEM, UNIT,
                ACTUAL, P05, P25, P50, P75, P95, MEAN, PIT, IN_50, IN_90, CRPS, SOURCE));

        private BacktestCsv() {
        }
    }

    /** {@code backtest_coverage.csv}: per scenario and item, how often the actuals fell in the bands. */
    public static final class CoverageCsv {
        public static final Column SCENARIO = SummaryCsv.SCENARIO;
        public static final Column ITEM = ItemSummaryCsv.ITEM;
        public static final Column QUARTERS = Column.text("quarters");
        public static final Column IN_50 = BacktestCsv.IN_50;
        public static final Column IN_90 = BacktestCsv.IN_90;
        /** The exact two-sided binomial p-value of in_50 hits at a half. */
        public static final Column P_VALUE_50 = Column.number("p_value_50", PROBABILITY);
        /** The exact two-sided binomial p-value of in_90 hits at 0.9. */
        public static final Column P_VALUE_90 = Column.number("p_value_90", PROBABILITY);
        public static final Column MEAN_PIT = Column.number("mean_pit", PROBABILITY);
        public static final Column MEAN_CRPS = Column.number("mean_crps", MONEY);
        public static final Schema SCHEMA = new Schema("backtest_coverage.csv", List.of(SCENARIO, ITEM, QUARTERS, IN_50,
                IN_90, P_VALUE_50, P_VALUE_90, MEAN_PIT, MEAN_CRPS));

        private CoverageCsv() {
        }
    }

    /** The CSVs of {@code --explain}: one per granularity, the inputs, the quarters and the scenario. */
    public static List<Schema> explainSchemas() {
        return List.of(ExplainCsv.SCHEMA, ExplainTimingCsv.SCHEMA, ExplainSummaryCsv.SCHEMA);
    }

    /**
     * {@code explain.csv}: per scenario and input, its values on breaching paths against the other
     * paths', and at the most likely breach ({@link dev.runway.analysis.Explain.Row}).
     */
    public static final class ExplainCsv {
        public static final Column SCENARIO = SummaryCsv.SCENARIO;
        public static final Column INPUT = Column.text("input");
        /** driver, event or series. */
        public static final Column KIND = Column.text("kind");
        public static final Column UNIT = ItemSummaryCsv.UNIT;
        /** 1 for the input that separates breaching from other paths most; empty when not compared. */
        public static final Column RANK = Column.text("rank");
        public static final Column KS_DISTANCE = Column.number("ks_distance", PROBABILITY);
        public static final Column SHIFT_SD = Column.number("shift_sd", DECIMAL);
        public static final Column BREACH_P10 = Column.number("breach_p10", DECIMAL);
        public static final Column BREACH_P50 = Column.number("breach_p50", DECIMAL);
        public static final Column BREACH_P90 = Column.number("breach_p90", DECIMAL);
        public static final Column OTHER_P10 = Column.number("other_p10", DECIMAL);
        public static final Column OTHER_P50 = Column.number("other_p50", DECIMAL);
        public static final Column OTHER_P90 = Column.number("other_p90", DECIMAL);
        /** For an event, the share of breaching paths it is on in; empty for the other inputs. */
        public static final Column BREACH_ON = Column.number("breach_on", PROBABILITY);
        public static final Column OTHER_ON = Column.number("other_on", PROBABILITY);
        /** Each percentile as the share of all paths below it, ties counted half. */
        public static final Column BREACH_P10_PIT = Column.number("breach_p10_pit", PROBABILITY);
        public static final Column BREACH_P50_PIT = Column.number("breach_p50_pit", PROBABILITY);
        public static final Column BREACH_P90_PIT = Column.number("breach_p90_pit", PROBABILITY);
        public static final Column OTHER_P10_PIT = Column.number("other_p10_pit", PROBABILITY);
        public static final Column OTHER_P50_PIT = Column.number("other_p50_pit", PROBABILITY);
        public static final Column OTHER_P90_PIT = Column.number("other_p90_pit", PROBABILITY);
        public static final Column AT_DESIGN_POINT = Column.number("at_design_point", DECIMAL);
        public static final Column AT_MEDIAN = Column.number("at_median", DECIMAL);
        public static final Column IMPORTANCE = Column.number("importance", PROBABILITY);
        public static final Schema SCHEMA = new Schema("explain.csv", List.of(SCENARIO, INPUT, KIND, UNIT, RANK,
                KS_DISTANCE, SHIFT_SD, BREACH_P10, BREACH_P50, BREACH_P90, OTHER_P10, OTHER_P50, OTHER_P90, BREACH_ON,
                OTHER_ON, BREACH_P10_PIT, BREACH_P50_PIT, BREACH_P90_PIT, OTHER_P10_PIT, OTHER_P50_PIT, OTHER_P90_PIT,
                AT_DESIGN_POINT, AT_MEDIAN, IMPORTANCE));

        private ExplainCsv() {
        }
    }

    /** {@code explain_timing.csv}: per scenario and quarter, the paths that first breach in it. */
    public static final class ExplainTimingCsv {
        public static final Column SCENARIO = SummaryCsv.SCENARIO;
        public static final Column QUARTER = QuarterlyCsv.QUARTER;
        public static final Column LABEL = QuarterlyCsv.LABEL;
        public static final Column FIRST_BREACHES = Column.text("first_breaches");
        /** Of the breaching paths; empty when none breaches. */
        public static final Column SHARE = Column.number("share", PROBABILITY);
        public static final Column CUMULATIVE_SHARE = Column.number("cumulative_share", PROBABILITY);
        public static final Schema SCHEMA = new Schema("explain_timing.csv", List.of(SCENARIO, QUARTER, LABEL,
                FIRST_BREACHES, SHARE, CUMULATIVE_SHARE));

        private ExplainTimingCsv() {
        }
    }

    /** {@code explain_summary.csv}: per scenario, its breaching paths and its most likely breach, told in a sentence. */
    public static final class ExplainSummaryCsv {
        public static final Column SCENARIO = SummaryCsv.SCENARIO;
        public static final Column PATHS = SummaryCsv.PATHS;
        public static final Column BREACHING_PATHS = Column.text("breaching_paths");
        /** The KS distance chance exceeds 5% of the time with these counts; empty when not compared. */
        public static final Column KS_NOISE_95 = Column.number("ks_noise_95", PROBABILITY);
        /** The design point's distance from the median path, in standard deviations; empty when none was found. */
        public static final Column DISTANCE = Column.number("distance", DECIMAL);
        public static final Column FORM_PROB = Column.number("form_prob", PROBABILITY);
        public static final Column FIRST_BREACH_QUARTER = Column.text("first_breach_quarter");
        public static final Column FIRST_BREACH_LABEL = Column.text("first_breach_label");
        public static final Column PILOT_BREACHES = Column.text("pilot_breaches");
        /** The most likely breach in words; empty when none was found. */
        public static final Column SENTENCE = Column.text("sentence");
        /** Why the inputs were not compared, or no design point found; empty when both were. */
        public static final Column NOTE = Column.text("note");
        public static final Schema SCHEMA = new Schema("explain_summary.csv", List.of(SCENARIO, PATHS, BREACHING_PATHS,
                KS_NOISE_95, DISTANCE, FORM_PROB, FIRST_BREACH_QUARTER, FIRST_BREACH_LABEL, PILOT_BREACHES, SENTENCE,
                NOTE));

        private ExplainSummaryCsv() {
        }
    }

    /** {@code manifest.csv}: how the run was made, one key and value per row. */
    public static final class ManifestCsv {
        public static final Column KEY = Column.text("key");
        public static final Column VALUE = Column.text("value");
        public static final Schema SCHEMA = new Schema("manifest.csv", List.of(KEY, VALUE));
        /** The name of the primary item (e.g. {@code cash}) and its unit. */
        public static final String PRIMARY_ITEM = "primary_item";
        public static final String UNIT = "unit";
        /** {@code scenario:<name>}: the scenario's description. */
        public static final String SCENARIO = "scenario:";
        /**
         * {@code breach_level:<scenario>}: the level the primary item is in breach below, when the
         * breach rule is {@code item < level}: the number, or the mean of the driver it names.
         */
        public static final String BREACH_LEVEL = "breach_level:";
        /** {@code breach_level_distribution:<scenario>}: the distribution when the level is a random driver. */
        public static final String BREACH_LEVEL_DISTRIBUTION = "breach_level_distribution:";
        /** The actuals file of a backtest, as given. */
        public static final String ACTUALS = "actuals";
        /** The SHA-256 of the actuals file's bytes, as read. */
        public static final String ACTUALS_SHA256 = "sha256:actuals";
        /** With --as-of: the quarter the forecast starts after, and the realized states it starts from. */
        public static final String AS_OF = "as_of";
        /** {@code importance_sampling:<scenario>}: with --rare, how its breach probability was measured, or why not. */
        public static final String IMPORTANCE_SAMPLING = "importance_sampling:";
        /** {@code note:<n>}: what the run told the user about its inputs, as it printed it. */
        public static final String NOTE = "note:";
        /**
         * Writes {@code folder}'s manifest: the engine and the Java runtime that made the folder, then
         * {@code entries} (key, value) in order. Every command's manifest begins the same way.
         */
        public static void write(Path folder, List<String[]> entries) throws IOException {
            List<Schema.Row> rows = new ArrayList<>();
            rows.add(SCHEMA.row().text(KEY, "engine").text(VALUE, "runway " + ResultWriter.engineVersion()));
            rows.add(SCHEMA.row().text(KEY, "java").text(VALUE, System.getProperty("java.vm.name") + " "
                    + Runtime.version()));
            for (String[] entry : entries) {
                rows.add(SCHEMA.row().text(KEY, entry[0]).text(VALUE, entry[1]));
            }
            SCHEMA.write(folder.resolve(SCHEMA.file()), rows);
        }

        /**
         * Where {@code elapsed_ms} went, in milliseconds, in this order: checking the output folder
         * and reading and checking the inputs (models compiled, quantile tables built), priming the
         * JIT, simulating the paths (their memory allocated, or a streamed run's statistics), the
         * exact statistics, and the analyses (sensitivity, solve, explanation, importance sampling).
         * What they leave is a backtest's scoring and bookkeeping.
         */
        public static final List<String> PHASES = List.of("inputs_ms", "priming_ms", "simulation_ms", "statistics_ms",
                "analyses_ms");
        /** Keys that describe this particular execution, not its results. */
        public static final List<String> EXECUTION_KEYS = Stream.concat(Stream.of("threads", "started_at", "elapsed_ms"),
                PHASES.stream()).toList();

        private ManifestCsv() {
        }
    }

    /** {@code files.csv}, written last: every file of the run, with its size and SHA-256 ({@link FileRecord}). */
    public static final class FilesCsv {
        public static final Column FILE = Column.text("file");
        public static final Column BYTES = Column.text("bytes");
        public static final Column SHA256 = Column.text("sha256");
        public static final Schema SCHEMA = new Schema(FileRecord.NAME, List.of(FILE, BYTES, SHA256));

        private FilesCsv() {
        }
    }

    /** {@code fits.csv} of {@code runway fit}: one row per family, the fitted ones ranked by AIC, then the others. */
    public static final class FitsCsv {
        /** 1 for the lowest AIC; empty for a family that was not fitted. */
        public static final Column RANK = Column.text("rank");
        public static final Column FAMILY = Column.text("family");
        /** The parameters as drivers.csv takes them; empty where the family has fewer. */
        public static final List<Column> PARAMETERS = List.of(Column.number("p1", ESTIMATE),
                Column.number("p2", ESTIMATE), Column.number("p3", ESTIMATE), Column.number("p4", ESTIMATE));
        public static final Column LOG_LIKELIHOOD = Column.number("log_likelihood", ESTIMATE);
        /** How many parameters were estimated. */
        public static final Column K = Column.text("k");
        /** How many values were fitted. */
        public static final Column N = Column.text("n");
        public static final Column AIC = Column.number("aic", ESTIMATE);
        /** AIC minus the best AIC: 0 for the best, and under about 2 for a family the data hardly tell from it. */
        public static final Column DELTA_AIC = Column.number("delta_aic", ESTIMATE);
        public static final Column BIC = Column.number("bic", ESTIMATE);
        public static final Column KS_STATISTIC = Column.number("ks_statistic", PROBABILITY);
        /** Optimistic: the parameters were estimated from the same data. */
        public static final Column KS_P_VALUE = Column.number("ks_p_value", PROBABILITY);
        /** Empty where it is infinite (a value at an end of the fitted support). */
        public static final Column AD_STATISTIC = Column.number("ad_statistic", ESTIMATE);
        /** The window: its first and last quarter. */
        public static final Column FROM = Column.text("from");
        public static final Column TO = Column.text("to");
        /** Why a family was not fitted; empty for a fitted one. */
        public static final Column NOTE = Column.text("note");
        public static final Schema SCHEMA = new Schema("fits.csv", concat(List.of(RANK, FAMILY), PARAMETERS,
                List.of(LOG_LIKELIHOOD, K, N, AIC, DELTA_AIC, BIC, KS_STATISTIC, KS_P_VALUE, AD_STATISTIC, FROM, TO,
                        NOTE)));

        private FitsCsv() {
        }
    }

    /** {@code series.csv} of {@code runway fit}: the values fitted, one per quarter of the window. */
    public static final class FitSeriesCsv {
        public static final Column QUARTER = Column.text("quarter");
        public static final Column VALUE = Column.number("value", ESTIMATE);
        /** The lines of the history file the value was computed from, separated by spaces. */
        public static final Column HISTORY_LINES = Column.text("history_lines");
        public static final Schema SCHEMA = new Schema("series.csv", List.of(QUARTER, VALUE, HISTORY_LINES));

        private FitSeriesCsv() {
        }
    }

    /** {@code drivers.csv} of {@code runway fit}: rows to paste into an input folder's drivers.csv, under its header. */
    public static final class FitDriversCsv {
        public static final Column SCENARIO = Column.text("scenario");
        public static final Column DRIVER = Column.text("driver");
        public static final Column DISTRIBUTION = Column.text("distribution");
        public static final List<Column> PARAMETERS = FitsCsv.PARAMETERS;
        public static final Column UNIT = Column.text("unit");
        public static final Column SOURCE = Column.text("source");
        public static final Schema SCHEMA = new Schema("drivers.csv", concat(List.of(SCENARIO, DRIVER, DISTRIBUTION),
                PARAMETERS, List.of(UNIT, SOURCE)));

        private FitDriversCsv() {
        }
    }

    /** {@code model.csv} of {@code runway fit --time-series}: rows to paste into an input folder's model.csv. */
    public static final class FitModelCsv {
        public static final Column ITEM = Column.text("item");
        public static final Column FORMULA = Column.text("formula");
        /** Empty, or the number the item starts from. */
        public static final Column INITIAL = Column.number("initial", ESTIMATE);
        public static final Column UNIT = Column.text("unit");
        public static final Column SOURCE = Column.text("source");
        public static final Schema SCHEMA = new Schema("model.csv", List.of(ITEM, FORMULA, INITIAL, UNIT, SOURCE));

        private FitModelCsv() {
        }
    }

    /** {@code time_series.csv} of {@code runway fit --time-series}: the seasonal AR(1) and its standard errors. */
    public static final class TimeSeriesCsv {
        public static final Column MODEL = Column.text("model");
        /** m(Q1)..m(Q4): the long-run mean of each fiscal quarter. */
        public static final List<Column> MEANS = List.of(Column.number("mean_q1", ESTIMATE),
                Column.number("mean_q2", ESTIMATE), Column.number("mean_q3", ESTIMATE), Column.number("mean_q4", ESTIMATE));
        public static final Column PHI = Column.number("phi", ESTIMATE);
        public static final Column SIGMA = Column.number("sigma", ESTIMATE);
        public static final List<Column> MEAN_ERRORS = List.of(Column.number("mean_q1_se", ESTIMATE),
                Column.number("mean_q2_se", ESTIMATE), Column.number("mean_q3_se", ESTIMATE),
                Column.number("mean_q4_se", ESTIMATE));
        public static final Column PHI_SE = Column.number("phi_se", ESTIMATE);
        public static final Column SIGMA_SE = Column.number("sigma_se", ESTIMATE);
        public static final Schema SCHEMA = new Schema("time_series.csv", concat(List.of(MODEL), MEANS,
                List.of(PHI, SIGMA), MEAN_ERRORS, List.of(PHI_SE, SIGMA_SE, FitsCsv.LOG_LIKELIHOOD, FitsCsv.K,
                        FitsCsv.N, FitsCsv.AIC, FitsCsv.BIC, FitsCsv.FROM, FitsCsv.TO)));

        private TimeSeriesCsv() {
        }
    }

    /** The values first, then each estimate's interval ends in the order given. */
    private static List<Column> columns(List<Column> values, Estimated... intervals) {
        List<Column> columns = new ArrayList<>(values);
        for (Estimated estimated : intervals) {
            columns.add(estimated.low());
            columns.add(estimated.high());
        }
        return columns;
    }

    private static List<Column> values(List<Estimated> estimates) {
        return estimates.stream().map(Estimated::value).toList();
    }

    @SafeVarargs
    private static <T> List<T> concat(List<? extends T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<? extends T> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
