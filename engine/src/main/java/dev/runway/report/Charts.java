package dev.runway.report;

import dev.runway.analysis.Explain;
import dev.runway.output.OutputFolder;
import dev.runway.output.OutputFolderReader.Backtested;
import dev.runway.output.OutputFolderReader.Bin;
import dev.runway.output.OutputFolderReader.BreachLevel;
import dev.runway.output.OutputFolderReader.Explanation;
import dev.runway.output.OutputFolderReader.Quarter;
import dev.runway.output.OutputFolderReader.RunResults;
import dev.runway.output.OutputFolderReader.ScenarioResults;
import dev.runway.output.OutputFolderReader.Sensitivity;
import dev.runway.output.Numbers;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's charts, drawn with XChart and written as PNG and SVG (VectorGraphics2D). Per
 * scenario:
 * <ul>
 * <li>{@code <scenario>-fan}: cash by quarter as a fan: the P05–P95 and P25–P75 bands are
 *     closed polygons (XChart's {@code PolygonArea}: the lower percentile forwards, the upper
 *     backwards), with the median line and the min-liquidity (breach) level;</li>
 * <li>{@code <scenario>-breach}: the cumulative breach probability by quarter with its 95%
 *     Wilson band (a polygon from the {@code _lo}/{@code _hi} columns), and, dashed, the share of
 *     paths below the level in each quarter;</li>
 * <li>{@code <scenario>-terminal}: the histogram of last-quarter cash as a filled step outline
 *     of the bins, split at the breach level so the part below it stands out, with the level
 *     marked;</li>
 * <li>{@code <scenario>-tornado}, only when the scenario has a {@code sensitivity.csv}: see
 *     {@link #tornado};</li>
 * <li>{@code <scenario>-explain}, only when the folder's explanation compared the scenario's
 *     breaching paths with the others: see {@link #explain}.</li>
 * </ul>
 * and {@code scenarios-compare}, see {@link #comparison}. Every chart's title carries its key
 * number from the CSV files. XChart draws text as glyph outlines, so the SVG files carry the
 * title and a one-sentence description as {@code <title>} and {@code <desc>} elements, where
 * screen readers and searches find them.
 *
 * <p>Each scenario keeps its colour in every chart (the Okabe–Ito palette, readable with colour
 * blindness); the breach level is always a dashed black line. The SVG text is post-processed:
 * no XML prolog or DOCTYPE in the inline form, coordinates rounded to 1/100 px, and element ids
 * prefixed with the chart's name so that many charts can sit in one HTML page. The same inputs
 * give the same bytes (XChart and VectorGraphics2D write no timestamps; the glyph outlines come
 * from the machine's fonts, so another machine may draw other glyphs).
 */
public final class Charts {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;
    public static final String FAN = "fan";
    public static final String BREACH = "breach";
    public static final String TERMINAL = "terminal";
    public static final String TORNADO = "tornado";
    /** A scenario's inputs on breaching paths against the other paths': {@code <scenario>-explain}. */
    public static final String EXPLAIN = "explain";
    public static final String COMPARISON = "scenarios-compare";
    /** A backtested item's forecast bands at the quarters of its realized values, with the values: {@code <scenario>-backtest-<item>}. */
    public static final String BACKTEST = "backtest";

    /** The most drivers a tornado shows: the rest move the breach probability less. */
    public static final int TORNADO_BARS = 10;

    /** The most inputs the explanation's chart shows: the rest separate breaching from other paths less. */
    public static final int EXPLAIN_INPUTS = 10;

    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0x009E73), new Color(0xE69F00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0x999999), new Color(0xF0E442)};
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final Color BREACH_LINE = Color.BLACK;
    private static final Color BELOW_LEVEL = new Color(0xB2182B);
    private static final Color LOW_DRIVER = new Color(0x2166AC);
    private static final Color HIGH_DRIVER = new Color(0xEF8A62);
    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    private static final String FONT = Font.SANS_SERIF;
    private static final Pattern LONG_DECIMAL = Pattern.compile("(\\d+\\.\\d{3,})");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final String LOW_LEGEND = "driver at its P10";
    private static final String HIGH_LEGEND = "driver at its P90";

    private Charts() {
    }

    /**
     * A chart as written: its file name without extension, its title, a sentence saying what it
     * shows, and its SVG markup ready to sit inside an HTML page (the {@code <svg>} element
     * alone, with {@code <title>} and {@code <desc>}).
     */
    public record RenderedChart(String name, String title, String description, String inlineSvg) { }

    /** A chart before it is rendered, and how wide its Y axis's labels are (the title is fitted to the rest). */
    record ChartSpec(String name, XYChart chart, String description, double yLabelWidth) {
        ChartSpec(String name, XYChart chart, String description) {
            this(name, chart, description, 40);
        }
    }

    /** The file name (without extension) of a scenario's chart of a kind, e.g. {@code status_quo-fan}. */
    public static String name(String scenario, String kind) {
        return scenario + "-" + kind;
    }

    /**
     * Draws every chart of the results into {@code folder} as PNG and SVG, after removing the
     * PNG and SVG files of an earlier report there, and returns them by name in page order.
     */
    public static Map<String, RenderedChart> writeAll(RunResults results, Path folder) throws IOException {
        Files.createDirectories(folder);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "*.{png,svg}")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
        Map<String, RenderedChart> charts = new LinkedHashMap<>();
        for (ChartSpec spec : specs(results)) {
            charts.put(spec.name(), write(spec, folder));
        }
        return charts;
    }

    /** Every chart of the results, built but not rendered. */
    static List<ChartSpec> specs(RunResults results) {
        List<ChartSpec> specs = new ArrayList<>();
        List<ScenarioResults> scenarios = results.scenarios();
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioResults scenario = scenarios.get(i);
            Color colour = colour(i);
            specs.add(fan(scenario, colour));
            specs.add(breach(scenario, colour));
            specs.add(terminal(scenario, colour));
            if (!tornadoRows(scenario).isEmpty()) {
                specs.add(tornado(scenario));
            }
            Explanation explanation = results.explanations().get(scenario.name());
            if (explanation != null && !explanation.compared().isEmpty()) {
                specs.add(explain(scenario.name(), explanation, colour));
            }
            for (String item : backtestedItems(scenario)) {
                specs.add(backtest(scenario, item, colour));
            }
        }
        specs.add(comparison(results));
        return specs;
    }

    /** The colour of the scenario at this position of summary.csv, the same in every chart. */
    public static Color colour(int scenarioIndex) {
        return PALETTE[scenarioIndex % PALETTE.length];
    }

    /**
     * The sensitivity rows a tornado shows: those with both breach probabilities that differ (a
     * constant driver moves nothing), largest swing first, at most {@value #TORNADO_BARS}.
     */
    public static List<Sensitivity> tornadoRows(ScenarioResults scenario) {
        return scenario.sensitivity().stream().filter(row -> row.hasBreachSwing() && row.breachSwing() > 0)
                .sorted(Comparator.comparingDouble(Sensitivity::breachSwing).reversed()).limit(TORNADO_BARS)
                .toList();
    }

    /** Cash by quarter: P05–P95 and P25–P75 bands, the median, and the breach level. */
    static ChartSpec fan(ScenarioResults scenario, Color colour) {
        var summary = scenario.summary();
        String title = scenario.name() + " — cash by quarter; breach probability "
                + Numbers.percent(summary.breachProb().value()) + " (95%: "
                + Numbers.percentRange(summary.breachProb().low(), summary.breachProb().high()) + ")";
        XYChart chart = newChart(title, "quarter", scenario.item() + ", " + scenario.unit());
        List<Quarter> quarters = scenario.quarters();
        double[] x = quarterNumbers(quarters.size());
        band(chart, "P05–P95", x, column(quarters, q -> q.percentile(5).value()),
                column(quarters, q -> q.percentile(95).value()), withAlpha(colour, 50));
        band(chart, "P25–P75", x, column(quarters, q -> q.percentile(25).value()),
                column(quarters, q -> q.percentile(75).value()), withAlpha(colour, 105));
        line(chart, "median", x, column(quarters, q -> q.percentile(50).value()), colour, new BasicStroke(2.6f));
        BreachLevel level = scenario.breachLevel();
        if (level.known()) {
            line(chart, breachLevelName(level), new double[] {1, quarters.size()},
                    new double[] {level.value(), level.value()}, BREACH_LINE, DASHED);
        }
        List<Backtested> realized = scenario.backtest(scenario.item());
        if (!realized.isEmpty()) {
            realized(chart, realized);
        }
        quarterAxis(chart, quarters);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        Quarter last = scenario.lastQuarter();
        double firstMedian = quarters.get(0).percentile(50).value();
        String description = scenario.item() + " of " + scenario.name() + " by quarter (" + scenario.unit()
                + "): the median "
                + (last.percentile(50).value() < firstMedian ? "falls" : "goes") + " from "
                + Numbers.money(firstMedian) + " in " + quarters.get(0).label() + " to "
                + Numbers.money(last.percentile(50).value()) + " in " + last.label() + "; in the worst 5% of paths ("
                + "P05) cash ends below " + Numbers.money(last.percentile(5).value()) + ". The breach level is "
                + (level.known() ? Numbers.money(level.value()) : "unknown") + "." + realizedText(realized);
        return new ChartSpec(name(scenario.name(), FAN), chart, description);
    }

    /** The items of backtest.csv other than the primary one, whose realized values the fan chart shows. */
    public static List<String> backtestedItems(ScenarioResults scenario) {
        return scenario.backtest().stream().map(Backtested::item).filter(item -> !item.equals(scenario.item()))
                .distinct().toList();
    }

    /**
     * An item's forecast at each quarter it was realized, as a whisker (P05–P95 thin, P25–P75 thick,
     * the median a tick), and the realized value as a diamond.
     */
    static ChartSpec backtest(ScenarioResults scenario, String item, Color colour) {
        List<Backtested> rows = scenario.backtest(item);
        long in90 = rows.stream().filter(Backtested::in90).count();
        String unit = rows.get(0).unit();
        String title = scenario.name() + " — " + item + ": " + in90 + " of " + rows.size() + " realized values in the "
                + "forecast's 90% band";
        XYChart chart = newChart(title, "quarter", item + (unit.isEmpty() ? "" : ", " + unit));
        for (int r = 0; r < rows.size(); r++) {
            Backtested row = rows.get(r);
            double[] x = {row.quarter(), row.quarter()};
            XYSeries outer = line(chart, r == 0 ? "P05–P95" : "P05–P95 " + row.label(), x,
                    new double[] {row.p05(), row.p95()}, withAlpha(colour, 110), new BasicStroke(3f));
            XYSeries inner = line(chart, r == 0 ? "P25–P75" : "P25–P75 " + row.label(), x,
                    new double[] {row.p25(), row.p75()}, colour, new BasicStroke(9f));
            XYSeries median = chart.addSeries(r == 0 ? "median" : "median " + row.label(), new double[] {row.quarter()},
                    new double[] {row.p50()});
            median.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            median.setMarker(SeriesMarkers.SQUARE);
            median.setMarkerColor(Color.WHITE);
            outer.setShowInLegend(r == 0);
            inner.setShowInLegend(r == 0);
            median.setShowInLegend(r == 0);
        }
        realized(chart, rows);
        quarterAxis(chart, scenario.quarters());
        // Only the quarters with realized values, half a quarter either side.
        chart.getStyler().setXAxisMin(rows.stream().mapToInt(Backtested::quarter).min().orElseThrow() - 0.5);
        chart.getStyler().setXAxisMax(rows.stream().mapToInt(Backtested::quarter).max().orElseThrow() + 0.5);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        String description = item + " of " + scenario.name() + " (" + unit + "): the forecast's P05–P95 and P25–P75 "
                + "at each quarter with a realized value, and the value." + realizedText(rows);
        return new ChartSpec(name(scenario.name(), BACKTEST + "-" + item), chart, description);
    }

    /** The realized values as diamonds. */
    private static void realized(XYChart chart, List<Backtested> rows) {
        XYSeries points = chart.addSeries("realized", rows.stream().mapToDouble(Backtested::quarter).toArray(),
                rows.stream().mapToDouble(Backtested::actual).toArray());
        points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.DIAMOND);
        points.setMarkerColor(BREACH_LINE);
    }

    /** The realized values in words, for a chart's description: each with its PIT. */
    private static String realizedText(List<Backtested> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" Realized:");
        for (int r = 0; r < rows.size(); r++) {
            Backtested row = rows.get(r);
            text.append(r == 0 ? " " : "; ").append(row.label()).append(' ').append(Numbers.money(row.actual()))
                    .append(" (").append(Numbers.percentNumber(row.pit(), 1)).append("% of paths below)");
        }
        return text.append('.').toString();
    }

    /** The cumulative breach probability by quarter, with its 95% band, and the share below the level per quarter. */
    static ChartSpec breach(ScenarioResults scenario, Color colour) {
        var summary = scenario.summary();
        List<Quarter> quarters = scenario.quarters();
        String median = summary.firstBreachP50Quarter().isPresent()
                ? "; half of the breaches by " + scenario.label(summary.firstBreachP50Quarter().getAsInt())
                : "; no path breaches";
        String title = scenario.name() + " — breach by " + scenario.lastQuarter().label() + ": "
                + Numbers.percent(summary.breachProb().value()) + median;
        XYChart chart = newChart(title, "quarter", "probability");
        double[] x = quarterNumbers(quarters.size());
        band(chart, "95% interval", x, column(quarters, q -> 100 * q.cumBreachProb().low()),
                column(quarters, q -> 100 * q.cumBreachProb().high()), withAlpha(colour, 70));
        XYSeries cumulative = line(chart, "breached by the quarter", x, column(quarters,
                q -> 100 * q.cumBreachProb().value()), colour, new BasicStroke(2.6f));
        cumulative.setMarker(SeriesMarkers.CIRCLE);
        cumulative.setMarkerColor(colour);
        line(chart, "below the level in the quarter", x, column(quarters, q -> 100 * q.breachProb().value()),
                withAlpha(INK, 150), DASHED);
        quarterAxis(chart, quarters);
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        chart.setCustomYAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v));
        String description = "Share of " + scenario.name() + "'s paths whose cash has fallen below the breach level "
                + "by each quarter, rising to " + Numbers.percent(summary.breachProb().value()) + " (95% interval "
                + Numbers.percentRange(summary.breachProb().low(), summary.breachProb().high()) + ") by "
                + scenario.lastQuarter().label() + ".";
        return new ChartSpec(name(scenario.name(), BREACH), chart, description);
    }

    /** The histogram of last-quarter cash, the part below the breach level in its own colour. */
    static ChartSpec terminal(ScenarioResults scenario, Color colour) {
        var summary = scenario.summary();
        String end = scenario.lastQuarter().label();
        String title = scenario.name() + " — cash at the end of " + end + ": P05 "
                + Numbers.money(summary.terminalP05().value()) + ", median "
                + Numbers.money(summary.terminalP50().value())
                + ", P95 " + Numbers.money(summary.terminalP95().value()) + " (" + scenario.unit() + ")";
        XYChart chart = newChart(title, scenario.item() + " at the end of " + end + ", " + scenario.unit(),
                "share of paths");
        BreachLevel level = scenario.breachLevel();
        List<Bin> bins = drawable(scenario.terminal(), level);
        long total = bins.stream().mapToLong(Bin::count).sum();
        double lowest = bins.isEmpty() ? 0 : bins.get(0).low();
        double highest = bins.isEmpty() ? 1 : bins.get(bins.size() - 1).high();
        double split = level.known() ? Math.max(lowest, Math.min(highest, level.value())) : lowest;
        double tallest = 0;
        for (Bin bin : bins) {
            tallest = Math.max(tallest, share(bin, total));
        }
        if (split > lowest) {
            steps(chart, "ending below the breach level", bins, total, lowest, split, withAlpha(BELOW_LEVEL, 200));
        }
        if (split < highest) {
            steps(chart, "ending at or above it", bins, total, split, highest, withAlpha(colour, 170));
        }
        if (level.known()) {
            line(chart, breachLevelName(level), new double[] {level.value(), level.value()},
                    new double[] {0, 1.08 * Math.max(tallest, 1e-9)}, BREACH_LINE, DASHED);
        }
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(0.0);
        styler.setXAxisDecimalPattern("#,##0");
        chart.setCustomYAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.1f%%", v));
        styler.setPlotGridVerticalLinesVisible(false);
        String description = "Histogram of " + scenario.name() + "'s cash at the end of " + end + " over "
                + String.format(Locale.ROOT, "%,d", total) + " paths, in " + scenario.terminal().size()
                + " equal bins from " + Numbers.money(lowest) + " to "
                + Numbers.money(highest) + " " + scenario.unit() + "; mean " + Numbers.money(summary.terminalMean().value()) + ".";
        return new ChartSpec(name(scenario.name(), TERMINAL), chart, description);
    }

    /**
     * The tornado of the breach probability. XChart has no horizontal bar chart, so each driver
     * is drawn on an XY chart as two rectangles (closed polygons) on its own row: from the base
     * breach probability (summary.csv) to the breach probability with the driver at its P10, and
     * to the one at its P90, each in its own colour; the farther rectangle is drawn first so the
     * nearer stays visible when both lie on one side. Rows are numbered from the bottom, the
     * largest swing on top, and the Y axis labels each row with its driver's name; a vertical
     * line marks the base. Rows without breach probabilities (events' amounts) are left out, and
     * at most {@value #TORNADO_BARS} drivers are shown.
     */
    static ChartSpec tornado(ScenarioResults scenario) {
        List<Sensitivity> rows = tornadoRows(scenario);
        double base = 100 * scenario.summary().breachProb().value();
        Sensitivity top = rows.get(0);
        String title = scenario.name() + " — what moves the breach probability of " + Numbers.percent(base / 100);
        XYChart chart = newChart(title, "breach probability with the driver at its P10 / P90", "");
        int n = rows.size();
        double half = 0.36;
        // Legend entries first, in reading order; the bars themselves stay out of the legend.
        for (String legend : List.of(LOW_LEGEND, HIGH_LEGEND)) {
            XYSeries key = chart.addSeries(legend, new double[] {base, base}, new double[] {0, 0});
            key.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            key.setMarker(SeriesMarkers.NONE);
            key.setFillColor(legend.equals(LOW_LEGEND) ? LOW_DRIVER : HIGH_DRIVER);
            key.setLineColor(TRANSPARENT);
        }
        for (int k = 0; k < n; k++) {
            Sensitivity row = rows.get(k);
            double y = n - 1 - k;
            double low = 100 * row.breachProbAtP10();
            double high = 100 * row.breachProbAtP90();
            boolean lowFirst = Math.abs(low - base) >= Math.abs(high - base);
            for (int side = 0; side < 2; side++) {
                boolean isLow = (side == 0) == lowFirst;
                double value = isLow ? low : high;
                XYSeries bar = chart.addSeries(row.driver() + (isLow ? " at P10" : " at P90"),
                        new double[] {base, value, value, base},
                        new double[] {y - half, y - half, y + half, y + half});
                bar.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
                bar.setMarker(SeriesMarkers.NONE);
                bar.setFillColor(isLow ? LOW_DRIVER : HIGH_DRIVER);
                bar.setLineColor(TRANSPARENT);
                bar.setShowInLegend(false);
            }
        }
        line(chart, "base " + Numbers.percent(base / 100), new double[] {base, base},
                new double[] {-0.5, n - 0.5}, BREACH_LINE, new BasicStroke(1.6f));
        XYStyler styler = chart.getStyler();
        Map<Long, String> names = rowsByName(chart, rows.stream().map(Sensitivity::driver).toList());
        String description = "How far the breach probability of " + scenario.name() + " (" + Numbers.percent(base / 100)
                + ") moves with each driver at its 10th and 90th percentile, the " + n + " largest swings"
                + " of sensitivity.csv; " + top.driver() + " moves it most, from "
                + Numbers.percent(top.breachProbAtP10()) + " at its P10 to " + Numbers.percent(top.breachProbAtP90())
                + " at its P90.";
        double widest = 0;
        for (String driver : names.values()) {
            widest = Math.max(widest, textWidth(driver, styler.getAxisTickLabelsFont()));
        }
        return new ChartSpec(name(scenario.name(), TORNADO), chart, description, widest);
    }

    /**
     * Each input's values on breaching paths beside the other paths', on one scale for every input
     * whatever its unit: the share of all paths below a value (explain.csv's {@code _pit} columns).
     * Like the tornado it is drawn on an XY chart, each input on its own row, the one that separates
     * the paths most on top: a bar from the P10 to the P90 of the breaching paths above one of the
     * other paths', each with its median as a tick. Two inputs alike on both sides have bars on top
     * of each other; an input that sets the breaches apart has them side by side. At most
     * {@value #EXPLAIN_INPUTS} inputs are shown.
     */
    static ChartSpec explain(String scenario, Explanation explanation, Color colour) {
        List<Explain.Row> rows = explanation.compared().stream().limit(EXPLAIN_INPUTS).toList();
        Explain.Row top = rows.get(0);
        String title = scenario + " — what sets breaching paths apart: " + top.input() + " most (KS "
                + Numbers.decimal(top.separation()) + ")";
        XYChart chart = newChart(title, "share of all paths below the value: P10 to P90, the median ticked", "");
        Color breaching = withAlpha(BELOW_LEVEL, 200);
        Color others = withAlpha(colour, 170);
        for (String legend : List.of("breaching paths", "the other paths")) {
            XYSeries key = chart.addSeries(legend, new double[] {0, 0}, new double[] {0, 0});
            key.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            key.setMarker(SeriesMarkers.NONE);
            key.setFillColor(legend.startsWith("breaching") ? breaching : others);
            key.setLineColor(TRANSPARENT);
        }
        int n = rows.size();
        double half = 0.16;
        for (int k = 0; k < n; k++) {
            Explain.Row row = rows.get(k);
            double y = n - 1 - k;
            spread(chart, row.input() + " breaching", row.breachingPit(), y + half + 0.02, half, breaching);
            spread(chart, row.input() + " other", row.othersPit(), y - half - 0.02, half, others);
        }
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(100.0);
        Map<Long, String> names = rowsByName(chart, rows.stream().map(Explain.Row::input).toList());
        String unit = top.unit().isEmpty() ? "" : " " + top.unit();
        String description = "Where the P10, median and P90 of each input lie among all paths' values, on "
                + scenario + "'s " + String.format(Locale.ROOT, "%,d", explanation.breachingPaths())
                + " breaching paths and on the other " + String.format(Locale.ROOT, "%,d",
                        explanation.paths() - explanation.breachingPaths())
                + ", for the " + n + " inputs that separate them most (Kolmogorov–Smirnov distance); " + top.input()
                + " has a median of " + Numbers.decimal(top.breaching().p50()) + unit + " on breaching paths against "
                + Numbers.decimal(top.others().p50()) + unit + " on the others.";
        double widest = 0;
        for (String input : names.values()) {
            widest = Math.max(widest, textWidth(input, styler.getAxisTickLabelsFont()));
        }
        return new ChartSpec(name(scenario, EXPLAIN), chart, description, widest);
    }

    /** One side's P10–P90 of an input as a bar centred on {@code y}, its median a tick across it, in percent. */
    private static void spread(XYChart chart, String name, Explain.Percentiles pit, double y, double half,
            Color fill) {
        double low = 100 * pit.p10();
        double high = 100 * pit.p90();
        XYSeries bar = chart.addSeries(name, new double[] {low, high, high, low},
                new double[] {y - half, y - half, y + half, y + half});
        bar.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        bar.setMarker(SeriesMarkers.NONE);
        bar.setFillColor(fill);
        bar.setLineColor(TRANSPARENT);
        bar.setShowInLegend(false);
        double median = 100 * pit.p50();
        line(chart, name + " median", new double[] {median, median}, new double[] {y - half, y + half}, INK,
                new BasicStroke(2.4f)).setShowInLegend(false);
    }

    /**
     * The scenarios compared by their cumulative breach curves, one line per scenario in its
     * colour. Of the two natural comparisons this one answers the report's question directly:
     * each curve's end is the scenario's breach probability ("how likely") and where it rises
     * is when the risk arrives ("when"), on one 0–100% scale that needs no bands; five median
     * lines with five P05 lines and a breach level would cross into a tangle that an analyst
     * reads far more slowly.
     */
    static ChartSpec comparison(RunResults results) {
        List<ScenarioResults> scenarios = results.scenarios();
        ScenarioResults lowest = scenarios.stream()
                .min(Comparator.comparingDouble(s -> s.summary().breachProb().value())).orElseThrow();
        ScenarioResults highest = scenarios.stream()
                .max(Comparator.comparingDouble(s -> s.summary().breachProb().value())).orElseThrow();
        String title = scenarios.size() == 1
                ? "Cumulative breach probability: " + lowest.name() + " " + Numbers.percent(
                        lowest.summary().breachProb().value())
                : "Cumulative breach probability by scenario: " + Numbers.percent(lowest.summary().breachProb().value())
                        + " (" + lowest.name() + ") to "
                        + Numbers.percent(highest.summary().breachProb().value()) + " ("
                        + highest.name() + ")";
        XYChart chart = newChart(title, "quarter", "breached by the quarter");
        ScenarioResults longest = scenarios.get(0);
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioResults scenario = scenarios.get(i);
            if (scenario.quarters().size() > longest.quarters().size()) {
                longest = scenario;
            }
            String name = scenario.name() + " " + Numbers.percent(scenario.summary().breachProb().value());
            XYSeries series = line(chart, name,
                    quarterNumbers(scenario.quarters().size()),
                    column(scenario.quarters(), q -> 100 * q.cumBreachProb().value()), colour(i),
                    new BasicStroke(2.4f));
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(colour(i));
        }
        quarterAxis(chart, longest.quarters());
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        styler.setMarkerSize(6);
        // The curves start low and rise to the right, so the top left of the plot is free for the legend.
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setLegendBorderColor(GRID);
        chart.setCustomYAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v));
        StringBuilder description = new StringBuilder(
                "Share of paths that have breached by each quarter, per scenario:");
        for (ScenarioResults scenario : scenarios) {
            description.append(' ').append(scenario.name()).append(' ')
                    .append(Numbers.percent(scenario.summary().breachProb().value())).append(',');
        }
        description.setLength(description.length() - 1);
        description.append(" by the end of the horizon.");
        return new ChartSpec(COMPARISON, chart, description.toString());
    }

    /**
     * A quantile–quantile chart, written to {@code <name>.png} and {@code <name>.svg} in
     * {@code folder}: each observed value (sorted) against the quantile of the fitted distribution
     * at its plotting position, and the diagonal on which they would all lie if the distribution
     * described them exactly. {@code runway fit} draws one per fitted family.
     *
     * @param theoretical the fitted distribution's quantiles, ascending
     * @param observed    the values, ascending, one per quantile
     */
    public static RenderedChart quantilePlot(Path folder, String name, String title, String description, String xTitle,
            String yTitle, double[] theoretical, double[] observed) throws IOException {
        Files.createDirectories(folder);
        XYChart chart = newChart(title, xTitle, yTitle);
        double low = Math.min(theoretical[0], observed[0]);
        double high = Math.max(theoretical[theoretical.length - 1], observed[observed.length - 1]);
        line(chart, "where a perfect fit lies", new double[] {low, high}, new double[] {low, high}, BREACH_LINE, DASHED);
        XYSeries points = chart.addSeries("the values against the fitted quantiles", theoretical, observed);
        points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(PALETTE[0]);
        chart.getStyler().setMarkerSize(7);
        return write(new ChartSpec(name, chart, description), folder);
    }

    /** Renders a chart to {@code <name>.png} and {@code <name>.svg} in the folder. */
    static RenderedChart write(ChartSpec spec, Path folder) throws IOException {
        fitTitle(spec);
        Path pngFile = folder.resolve(spec.name() + ".png");
        try (OutputStream png = Files.newOutputStream(pngFile)) {
            BitmapEncoder.saveBitmap(spec.chart(), png, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw OutputFolder.onFile(pngFile, e);
        }
        String title = spec.chart().getTitle();
        String svg = svg(spec.chart(), spec.name(), title, spec.description());
        Path svgFile = folder.resolve(spec.name() + ".svg");
        try {
            Files.writeString(svgFile, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw OutputFolder.onFile(svgFile, e);
        }
        return new RenderedChart(spec.name(), title, spec.description(), svg);
    }

    /**
     * The chart as an {@code <svg>} element: VectorGraphics2D's document without its prolog and
     * DOCTYPE (whose DTD a parser would try to fetch), coordinates rounded to 1/100 px, ids
     * prefixed with {@code idPrefix}, and the title and description as its first children.
     */
    static String svg(Chart<?, ?> chart, String idPrefix, String title, String description) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("<svg");
        if (start < 0) {
            throw new IOException("VectorGraphics2D wrote no <svg> element for " + idPrefix);
        }
        text = text.substring(start).strip();
        text = roundDecimals(text);
        text = prefixIds(text, idPrefix.replaceAll("[^A-Za-z0-9_-]", "_"));
        int endOfTag = text.indexOf('>');
        return text.substring(0, endOfTag + 1) + "\n  <title>" + escape(title) + "</title>\n  <desc>"
                + escape(description) + "</desc>" + text.substring(endOfTag + 1);
    }

    private static String roundDecimals(String svg) {
        Matcher matcher = LONG_DECIMAL.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (matcher.find()) {
            String rounded = new BigDecimal(matcher.group(1)).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros()
                    .toPlainString();
            matcher.appendReplacement(out, rounded);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String prefixIds(String svg, String prefix) {
        Matcher matcher = ID.matcher(svg);
        Map<String, String> renamed = new LinkedHashMap<>();
        while (matcher.find()) {
            renamed.putIfAbsent(matcher.group(1), prefix + "-" + (renamed.size() + 1));
        }
        String out = svg;
        for (Map.Entry<String, String> id : renamed.entrySet()) {
            out = out.replace("id=\"" + id.getKey() + "\"", "id=\"" + id.getValue() + "\"")
                    .replace("url(#" + id.getKey() + ")", "url(#" + id.getValue() + ")")
                    .replace("href=\"#" + id.getKey() + "\"", "href=\"#" + id.getValue() + "\"");
        }
        return out;
    }

    /** XML text: the page's own escaping, which also drops the characters XML forbids. */
    static String escape(String text) {
        return ReportPage.Markup.escape(text, true);
    }

    private static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartFontColor(INK);
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(10);
        styler.setChartPadding(14);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotMargin(6);
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
        styler.setAxisTickLabelsColor(INK);
        styler.setAxisTickMarksColor(new Color(0x999999));
        styler.setXAxisTitleColor(INK);
        styler.setYAxisTitleColor(INK);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        styler.setLegendSeriesLineLength(22);
        styler.setMarkerSize(5);
        styler.setLocale(Locale.ROOT);
        styler.setAntiAlias(true);
        styler.setToolTipsEnabled(false);
        return chart;
    }

    /** A shaded band between two curves: a closed polygon along the lower curve and back along the upper. */
    private static void band(XYChart chart, String name, double[] x, double[] lower, double[] upper, Color fill) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = lower[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = upper[i];
        }
        XYSeries series = chart.addSeries(name, px, py);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(fill);
        series.setLineColor(TRANSPARENT);
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour, BasicStroke stroke) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(stroke);
        return series;
    }

    /**
     * The histogram bins clipped to {@code [from, to]} as one filled step outline: along the
     * bottom edge, up and across each bin's top, and down at the end.
     */
    private static void steps(XYChart chart, String name, List<Bin> bins, long total, double from, double to,
            Color fill) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {from, 0});
        for (Bin bin : bins) {
            double low = Math.max(bin.low(), from);
            double high = Math.min(bin.high(), to);
            if (high <= low) {
                continue;
            }
            double height = share(bin, total);
            points.add(new double[] {low, height});
            points.add(new double[] {high, height});
        }
        points.add(new double[] {to, 0});
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(fill);
        series.setLineColor(TRANSPARENT);
    }

    /**
     * The bins as drawn. When every path ends with the same cash, the engine writes bins of no
     * width; they become one bar wide enough to see, 2% of the larger of the value and the breach
     * level (at least 1 bn).
     */
    private static List<Bin> drawable(List<Bin> bins, BreachLevel level) {
        if (bins.isEmpty() || bins.get(bins.size() - 1).high() > bins.get(0).low()) {
            return bins;
        }
        double value = bins.get(0).low();
        double width = Math.max(1.0, 0.02 * Math.max(Math.abs(value), level.known() ? Math.abs(level.value()) : 0));
        return List.of(new Bin(value - width / 2, value + width / 2, bins.stream().mapToLong(Bin::count).sum()));
    }

    /** A bin's share of the paths, in percent. */
    private static double share(Bin bin, long total) {
        return total == 0 ? 0 : 100.0 * bin.count() / total;
    }

    /** Labels the quarters 1..H of the X axis with their names, e.g. FY2025Q1. */
    private static void quarterAxis(XYChart chart, List<Quarter> quarters) {
        int n = quarters.size();
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(1.0);
        styler.setXAxisMax((double) Math.max(n, 2));
        styler.setXAxisTickMarkSpacingHint(8);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setAxisTicksMarksVisible(false);
        double widest = 0;
        for (Quarter quarter : quarters) {
            widest = Math.max(widest, textWidth(quarter.label(), styler.getAxisTickLabelsFont()));
        }
        // Every k-th quarter is labelled, k as small as keeps the labels apart.
        double perQuarter = (WIDTH - 130.0) / Math.max(n - 1, 1);
        int every = Math.max(1, (int) Math.ceil(1.25 * widest / perQuarter));
        Map<Long, String> labels = new LinkedHashMap<>();
        for (int q = 1; q <= n; q += every) {
            labels.put((long) q, quarters.get(q - 1).label());
        }
        chart.setCustomXAxisTickLabelsFormatter(labelsAt(labels));
    }

    /**
     * Lays out a chart of one horizontal row per name, the first at the top: the rows' y range, a
     * vertical grid, the names as the y axis's labels and the x axis in percent. Returns the labels
     * by row position.
     */
    private static Map<Long, String> rowsByName(XYChart chart, List<String> rowNames) {
        int n = rowNames.size();
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(-0.6);
        styler.setYAxisMax(n - 0.4);
        styler.setYAxisTickMarkSpacingHint(8);
        styler.setPlotGridHorizontalLinesVisible(false);
        styler.setPlotGridVerticalLinesVisible(true);
        styler.setAxisTicksMarksVisible(false);
        Map<Long, String> names = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            names.put((long) (n - 1 - k), rowNames.get(k));
        }
        chart.setCustomYAxisTickLabelsFormatter(labelsAt(names));
        chart.setCustomXAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.0f%%", v));
        return names;
    }

    /**
     * A tick-label function that writes {@code labels} at their whole-number positions only.
     * XChart places ticks at a "nice" step chosen from the spacing hint and labels every one of
     * them; it then insists that all labels differ (and that the longest fits the spacing),
     * retrying with ever wider steps until they do, forever if labels repeat, which plain empty
     * labels for the unlabelled ticks would. So every other tick gets a distinct invisible label:
     * its value in binary written with zero-width characters, longer than any real label so that
     * XChart's width check measures an invisible one and keeps the fine step of a small hint.
     */
    static Function<Double, String> labelsAt(Map<Long, String> labels) {
        int longest = labels.values().stream().mapToInt(String::length).max().orElse(0);
        return v -> {
            long position = Math.round(v);
            String label = Math.abs(v - position) < 1e-9 ? labels.get(position) : null;
            return label != null ? label : invisible(v, longest + 1);
        };
    }

    /** A string that draws nothing, distinct for every value to 1e-6, at least {@code length} characters long. */
    private static String invisible(double value, int length) {
        long key = Math.round(value * 1e6);
        StringBuilder text = new StringBuilder(key < 0 ? "\u200D" : "");
        text.append(Long.toBinaryString(Math.abs(key)).replace('0', '\u200B').replace('1', '\u200C'));
        while (text.length() < length) {
            text.insert(0, '\u2060');
        }
        return text.toString();
    }

    private static double textWidth(String text, Font font) {
        return font.getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
    }

    /**
     * Shrinks the title's font, down to 11 points, until the title fits. XChart centres the title
     * over the plot, which starts after the Y axis's labels, so the room is the chart's width
     * less twice the offset they cause.
     */
    private static void fitTitle(ChartSpec spec) {
        XYChart chart = spec.chart();
        Font font = chart.getStyler().getChartTitleFont();
        double room = WIDTH - 2 * chart.getStyler().getChartPadding() - spec.yLabelWidth() - 50;
        while (font.getSize() > 11 && textWidth(chart.getTitle(), font) > room) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        chart.getStyler().setChartTitleFont(font);
    }

    private static String breachLevelName(BreachLevel level) {
        return (level.constant() ? "breach level " : "breach level (mean of " + level.distribution() + ") ")
                + Numbers.money(level.value());
    }

    private static double[] quarterNumbers(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static double[] column(List<Quarter> quarters, Function<Quarter, Double> value) {
        double[] y = new double[quarters.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = value.apply(quarters.get(i));
        }
        return y;
    }

    private static Color withAlpha(Color colour, int alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha);
    }
}
