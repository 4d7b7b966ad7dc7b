package dev.runway.report;

import dev.runway.report.Charts.RenderedChart;
import dev.runway.output.OutputFolderReader.Backtested;
import dev.runway.analysis.Explain;
import dev.runway.output.OutputFolderReader.Coverage;
import dev.runway.output.OutputFolderReader.Explanation;
import dev.runway.output.OutputFolderReader.Quarter;
import dev.runway.output.OutputFolderReader.RunResults;
import dev.runway.output.OutputFolderReader.ScenarioResults;
import dev.runway.output.OutputFolderReader.Sensitivity;
import dev.runway.output.OutputFolderReader.Solve;
import dev.runway.output.OutputFolderReader.Summary;
import dev.runway.output.Numbers;
import dev.runway.output.OutputFiles.BacktestCsv;
import dev.runway.output.OutputFiles.ExplainCsv;
import dev.runway.output.OutputFiles.SensitivityCsv;
import dev.runway.output.OutputFiles.SolveCsv;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page, readable from disk with no network. Its CSS is
 * a small inline {@code <style>}, it has no script, and its charts are inline {@code <svg>}
 * elements. It is written as well-formed XHTML (with the HTML5 {@code <!DOCTYPE html>}), so any
 * XML parser reads it and browsers read it as HTML; only the five XML entities are used, other
 * characters are written as UTF-8.
 *
 * <p>Contents: what Runway answers, the summary table, the scenarios compared, what a breach
 * looks like in each scenario (when the folder has the explanation's files), a section per
 * scenario (description, key numbers, its charts, its sensitivity table and solved injections
 * when those files exist), the inputs' sources grouped per scenario with the correlations, and
 * the whole manifest.
 */
final class ReportPage {
    /** The most rows of a scenario's sensitivity.csv the page lists; the file has them all. */
    static final int SENSITIVITY_ROWS = 12;

    /** The most of a scenario's inputs the explanation's table lists; explain.csv has them all. */
    static final int EXPLAIN_ROWS = 12;

    private static final Set<String> VOID_ELEMENTS = Set.of("meta", "br", "hr", "img", "link");

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
                + "color:#222;background:#fff;margin:0;line-height:1.45}",
            "header,main,footer{max-width:1240px;margin:0 auto;padding:0 24px}",
            "header{padding-top:20px}",
            "h1{font-size:1.7em;margin:0.4em 0 0.3em}",
            "h2{font-size:1.35em;margin:1.6em 0 0.4em;padding-bottom:0.2em;border-bottom:2px solid #ddd}",
            "h3{font-size:1.08em;margin:1.2em 0 0.4em}",
            ".lede{font-size:1.05em;max-width:60em}",
            ".story{font-size:1.05em;max-width:60em;border-left:4px solid #B2182B;padding-left:10px}",
            ".run,.note,figcaption,footer{color:#555;font-size:0.92em}",
            "nav{font-size:0.92em;margin:0.6em 0}",
            "nav a{margin-right:0.9em}",
            "a{color:#0b5cad}",
            "table{border-collapse:collapse;margin:0.4em 0 0.8em;font-size:0.92em}",
            "th,td{padding:4px 9px;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top}",
            "th{background:#f4f4f4;font-weight:600}",
            "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}",
            "td.num{white-space:nowrap}",
            ".table-wrap{overflow-x:auto}",
            ".swatch{display:inline-block;width:0.8em;height:0.8em;border-radius:2px;margin-right:0.4em;"
                + "vertical-align:baseline}",
            ".scenario-name{font-weight:600;white-space:nowrap}",
            ".key{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:8px 16px;margin:0.6em 0;"
                + "padding:0;list-style:none}",
            ".key li{background:#f7f7f7;border-radius:6px;padding:8px 12px}",
            ".key .label{display:block;color:#555;font-size:0.85em}",
            ".key .value{font-size:1.25em;font-weight:600}",
            ".key .interval{color:#555;font-size:0.85em;margin-left:0.3em}",
            ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:14px}",
            "figure{margin:0}",
            "figure svg{display:block;width:100%;height:auto;border:1px solid #eee;border-radius:4px}",
            "figcaption{margin-top:4px}",
            "figure.wide{max-width:900px}",
            "details{margin:0.4em 0}",
            "summary{cursor:pointer;font-weight:600}",
            "td.source{max-width:60em}",
            "code{font-size:0.95em}",
            "footer{margin:2em auto 2em;border-top:1px solid #ddd;padding-top:0.6em}");

    private ReportPage() {
    }

    /** The page for the results, with the charts of {@link Charts#writeAll} inline. */
    static String render(RunResults results, Map<String, RenderedChart> charts) {
        Markup page = new Markup();
        page.raw("<!DOCTYPE html>\n");
        page.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en", "xml:lang", "en");
        page.open("head");
        page.empty("meta", "charset", "utf-8");
        page.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        page.element("title", "Runway report — " + caseName(results));
        page.open("style").text(STYLE).close("style");
        page.close("head");
        page.open("body");
        header(page, results);
        page.open("main");
        summary(page, results);
        comparison(page, charts.get(Charts.COMPARISON));
        if (!results.explanations().isEmpty()) {
            explanations(page, results, charts);
        }
        List<ScenarioResults> scenarios = results.scenarios();
        for (int i = 0; i < scenarios.size(); i++) {
            scenario(page, results, scenarios.get(i), i, charts);
        }
        sources(page, results);
        manifest(page, results);
        page.close("main");
        page.open("footer");
        page.text("Written by ").element("code", "runway report").text(" from the CSV files in this page's folder; "
                + "every number on the page comes from them. The charts are also in ")
                .element("code", Report.CHARTS + "/").text(" as PNG and SVG.");
        page.close("footer");
        page.close("body");
        page.close("html");
        return page.toString();
    }

    private static void header(Markup page, RunResults results) {
        page.open("header");
        page.element("h1", "Runway: how likely is the cash to run out, when, and what would prevent it?");
        page.element("p", "Runway is a Monte Carlo model of a company's cash under stress. It walks the cash "
                + "position quarter by quarter over many random paths of sales volume, margin, savings delivery, "
                + "restructuring costs, refinancing and events (cash shocks, volume shocks, capital injections), "
                + "and counts how often cash falls below the level the business needs to operate (the breach level, "
                + "min_liquidity), in which quarter it first does, and what injections did. Scenarios share the "
                + "same random numbers, so their differences come from their assumptions, not from noise. Every "
                + "probability and percentile below comes from the simulated paths, with its 95% confidence "
                + "interval: read only as many digits as the interval supports.", "class", "lede");
        List<String> facts = new ArrayList<>();
        addFact(facts, "inputs ", results.manifestValue("inputs"));
        addFact(facts, "", results.manifestValue("engine"));
        addFact(facts, "seed ", results.manifestValue("seed"));
        addFact(facts, "sampling ", results.manifestValue("sampling_method"));
        addFact(facts, "precision target ", results.manifestValue("precision"));
        int paths = results.scenarios().get(0).summary().paths();
        boolean samePaths = results.scenarios().stream().allMatch(s -> s.summary().paths() == paths);
        facts.add(samePaths ? String.format(Locale.ROOT, "%,d paths per scenario", paths) : "paths per scenario "
                + "as in the summary");
        page.element("p", String.join(" · ", facts) + ". Money in " + results.manifestValue("unit").replaceFirst("^$", "JPY bn")
                + ".", "class", "run");
        page.open("nav");
        page.element("a", "Summary", "href", "#summary");
        page.element("a", "Scenarios compared", "href", "#comparison");
        if (!results.explanations().isEmpty()) {
            page.element("a", "What a breach looks like", "href", "#explain");
        }
        for (ScenarioResults scenario : results.scenarios()) {
            page.element("a", scenario.name(), "href", "#" + anchor(scenario.name()));
        }
        page.element("a", "Sources", "href", "#sources");
        page.element("a", "Manifest", "href", "#manifest");
        page.close("nav");
        page.close("header");
    }

    private static void addFact(List<String> facts, String label, String value) {
        if (!value.isEmpty()) {
            facts.add(label + value);
        }
    }

    private static void summary(Markup page, RunResults results) {
        page.open("section", "id", "summary");
        page.element("h2", "Summary");
        page.open("div", "class", "table-wrap").open("table");
        page.open("thead").open("tr");
        page.element("th", "scenario");
        for (String heading : List.of("breach probability", "95% interval", "median first breach", "cash at end, P05",
                "P50", "P95", "injection probability", "injection mean", "paths")) {
            page.element("th", heading, "class", "num");
        }
        page.close("tr").close("thead");
        page.open("tbody");
        List<ScenarioResults> scenarios = results.scenarios();
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioResults scenario = scenarios.get(i);
            Summary s = scenario.summary();
            page.open("tr");
            page.open("td");
            scenarioName(page, scenario, i, true);
            page.close("td");
            num(page, Numbers.percent(s.breachProb().value()));
            num(page, Numbers.percentRange(s.breachProb().low(), s.breachProb().high()));
            num(page, firstBreach(scenario));
            num(page, Numbers.money(s.terminalP05().value()));
            num(page, Numbers.money(s.terminalP50().value()));
            num(page, Numbers.money(s.terminalP95().value()));
            num(page, Numbers.percent(s.injectionProb().value()));
            num(page, Numbers.money(s.injectionMean()));
            num(page, String.format(Locale.ROOT, "%,d", s.paths()));
            page.close("tr");
        }
        page.close("tbody");
        page.close("table").close("div");
        page.element("p", "Breach probability: the share of paths whose cash falls below the breach level in some "
                + "quarter of the horizon. Median first breach: the quarter by which half of the breaching paths have "
                + "breached. Cash at end: percentiles of cash in the last quarter (in the unit of the primary item). Injection probability: the "
                + "share of paths on which an injection event fired; injection mean: the mean amount on those paths "
                + "(same unit).", "class", "note");
        page.close("section");
    }

    private static void comparison(Markup page, RenderedChart chart) {
        page.open("section", "id", "comparison");
        page.element("h2", "Scenarios compared");
        figure(page, chart, "wide");
        page.close("section");
    }

    /**
     * "What a breach looks like": per explained scenario, its most likely breach in a sentence, when
     * its first breaches come, the chart of its inputs on breaching and other paths, and the ranked
     * table of explain.csv.
     */
    private static void explanations(Markup page, RunResults results, Map<String, RenderedChart> charts) {
        page.open("section", "id", "explain");
        page.element("h2", "What a breach looks like");
        page.element("p", "Each scenario's paths split into those that breach in some quarter and the others. The most "
                + "likely breach is the combination of inputs nearest their medians whose path breaches (the design "
                + "point of reliability analysis): its distance from the median path is in standard deviations, and "
                + "the FORM probability, Phi(-distance), is the breach probability it implies. The table ranks the "
                + "inputs by how far apart their values on breaching and on other paths lie.", "class", "note");
        List<ScenarioResults> scenarios = results.scenarios();
        for (int i = 0; i < scenarios.size(); i++) {
            Explanation explanation = results.explanations().get(scenarios.get(i).name());
            if (explanation != null) {
                explanation(page, scenarios.get(i), i, explanation, charts);
            }
        }
        page.close("section");
    }

    private static void explanation(Markup page, ScenarioResults scenario, int index, Explanation explanation,
            Map<String, RenderedChart> charts) {
        page.open("h3");
        scenarioName(page, scenario, index, true);
        page.close("h3");
        page.element("p", explanation.sentence().isEmpty() ? "No most likely breach was found." : explanation.sentence(),
                "class", "story");
        page.element("p", String.format(Locale.ROOT, "%,d of %,d paths breach.", explanation.breachingPaths(),
                explanation.paths()) + (explanation.note().isEmpty() ? "" : " Note: " + explanation.note() + "."),
                "class", "note");
        if (explanation.breachingPaths() > 0) {
            breachTiming(page, explanation.timing());
        }
        RenderedChart chart = charts.get(Charts.name(scenario.name(), Charts.EXPLAIN));
        if (chart != null) {
            figure(page, chart, "wide");
        }
        List<Explain.Row> rows = explanation.inputs();
        page.open("div", "class", "table-wrap").open("table", "class", "explain");
        page.open("thead").open("tr");
        page.element("th", "input");
        for (String heading : List.of("rank", "KS distance", "shift (sd)", "breaching P10 / median / P90",
                "others P10 / median / P90", "on: breaching / others", "at the most likely breach", "median path",
                "share of its distance")) {
            page.element("th", heading, "class", "num");
        }
        page.element("th", "unit");
        page.close("tr").close("thead");
        page.open("tbody");
        for (Explain.Row row : rows.subList(0, Math.min(EXPLAIN_ROWS, rows.size()))) {
            page.open("tr");
            page.element("td", row.input() + (row.kind().equals("driver") ? "" : " (" + row.kind() + ")"));
            num(page, row.compared() ? Integer.toString(row.rank()) : "-");
            num(page, Numbers.decimal(row.separation()));
            num(page, Numbers.decimal(row.shiftSd()));
            num(page, percentiles(row.breaching()));
            num(page, percentiles(row.others()));
            num(page, Double.isNaN(row.breachingOn()) ? "-" : Numbers.percent(row.breachingOn()) + " / "
                    + Numbers.percent(row.othersOn()));
            num(page, Numbers.decimal(row.atDesignPoint()));
            num(page, Numbers.decimal(row.atMedian()));
            // At the origin no input carries any of a distance of 0.
            num(page, explanation.distance() > 0 ? Numbers.percent(row.importance()) : "-");
            page.element("td", row.unit());
            page.close("tr");
        }
        page.close("tbody");
        page.close("table").close("div");
        page.element("p", "Rows in the order of " + ExplainCsv.SCHEMA.file() + ": ranked by the Kolmogorov–Smirnov "
                + "distance between the input's values on breaching and on other paths (0 alike, 1 apart)"
                + (Double.isNaN(explanation.ksNoise95()) ? "" : "; with these counts a distance under "
                        + Numbers.decimal(explanation.ksNoise95()) + " could be chance")
                + (rows.size() > EXPLAIN_ROWS ? "; " + (rows.size() - EXPLAIN_ROWS) + " more row(s) in the file" : "")
                + ". Shift: the difference of the means in standard deviations over all paths. An event's amount "
                + "counts as 0 where it is off. A series, drawn afresh every quarter, is given at the most likely "
                + "breach as its mean normal score in sd. Share of its distance: the input's part of the most "
                + "likely breach's squared distance (FORM's importance).", "class", "note");
    }

    /** The first breaches by quarter: the share of breaching paths in each quarter, and by its end. */
    private static void breachTiming(Markup page, List<Explain.Timing> timing) {
        page.open("div", "class", "table-wrap").open("table", "class", "explain-timing");
        page.open("thead").open("tr");
        page.element("th", "first breaches");
        for (Explain.Timing quarter : timing) {
            page.element("th", quarter.label(), "class", "num");
        }
        page.close("tr").close("thead");
        page.open("tbody");
        page.open("tr").element("td", "in the quarter");
        for (Explain.Timing quarter : timing) {
            num(page, Numbers.percent(quarter.share()));
        }
        page.close("tr");
        page.open("tr").element("td", "by its end");
        for (Explain.Timing quarter : timing) {
            num(page, Numbers.percent(quarter.cumulativeShare()));
        }
        page.close("tr");
        page.close("tbody");
        page.close("table").close("div");
    }

    private static String percentiles(Explain.Percentiles p) {
        return Double.isNaN(p.p50()) ? "-" : Numbers.decimal(p.p10()) + " / " + Numbers.decimal(p.p50()) + " / "
                + Numbers.decimal(p.p90());
    }

    private static void scenario(Markup page, RunResults results, ScenarioResults scenario, int index,
            Map<String, RenderedChart> charts) {
        page.open("section", "class", "scenario", "id", anchor(scenario.name()));
        page.open("h2");
        scenarioName(page, scenario, index, false);
        page.close("h2");
        if (!scenario.description().isEmpty()) {
            page.element("p", scenario.description(), "class", "description");
        }
        keyNumbers(page, scenario);
        page.open("div", "class", "charts");
        for (String kind : List.of(Charts.FAN, Charts.BREACH, Charts.TERMINAL, Charts.TORNADO)) {
            RenderedChart chart = charts.get(Charts.name(scenario.name(), kind));
            if (chart != null) {
                figure(page, chart, "chart");
            }
        }
        page.close("div");
        sensitivity(page, scenario);
        if (results.hasSolve()) {
            solve(page, scenario);
        }
        if (!scenario.backtest().isEmpty()) {
            backtest(page, scenario, charts);
        }
        page.close("section");
    }

    private static void backtest(Markup page, ScenarioResults scenario, Map<String, RenderedChart> charts) {
        page.element("h3", "Against what happened");
        page.element("p", "Each realized value of " + BacktestCsv.SCHEMA.file() + " placed in the forecast of its quarter: "
                + "the share of paths below it (its PIT: spread evenly over 0–100% when the forecast is calibrated, "
                + "near 0% or 100% when it was too narrow or biased), whether it fell in the central 50% and 90% "
                + "bands, and its CRPS (the forecast's error in the item's unit, counting its spread; lower is better)."
                + (charts.containsKey(Charts.name(scenario.name(), Charts.FAN)) ? " The fan chart above marks the "
                + "realized " + scenario.item() + "." : ""), "class", "note");
        page.open("div", "class", "charts");
        for (String item : Charts.backtestedItems(scenario)) {
            RenderedChart chart = charts.get(Charts.name(scenario.name(), Charts.BACKTEST + "-" + item));
            if (chart != null) {
                figure(page, chart, "chart");
            }
        }
        page.close("div");
        page.open("div", "class", "table-wrap").open("table", "class", "backtest");
        page.open("thead").open("tr");
        page.element("th", "quarter");
        page.element("th", "item");
        for (String heading : List.of("realized", "forecast P05", "P25", "median", "P75", "P95", "paths below (PIT)",
                "in 50% band", "in 90% band", "CRPS")) {
            page.element("th", heading, "class", "num");
        }
        page.close("tr").close("thead");
        page.open("tbody");
        for (Backtested row : scenario.backtest()) {
            page.open("tr");
            page.element("td", row.label());
            page.element("td", row.item());
            for (double value : new double[] {row.actual(), row.p05(), row.p25(), row.p50(), row.p75(), row.p95()}) {
                num(page, Numbers.money(value));
            }
            num(page, Numbers.percent(row.pit()));
            num(page, row.in50() ? "yes" : "no");
            num(page, row.in90() ? "yes" : "no");
            num(page, Numbers.money(row.crps()));
            page.close("tr");
        }
        page.close("tbody").close("table").close("div");
        page.open("ul", "class", "coverage");
        for (Coverage c : scenario.coverage()) {
            page.element("li", c.item() + ": " + c.in50() + " of " + c.quarters() + " in the 50% band (binomial p = "
                    + Numbers.decimal(c.pValue50()) + "), " + c.in90() + " of " + c.quarters() + " in the 90% band (p = "
                    + Numbers.decimal(c.pValue90()) + "); mean PIT " + Numbers.percent(c.meanPit()) + ", mean CRPS "
                    + Numbers.money(c.meanCrps()) + ".");
        }
        page.close("ul");
        page.element("p", "A few quarters prove little: a p-value near 0 is evidence that the forecast is miscalibrated; "
                + "one far from 0 is only the absence of that evidence. Sources of the realized values are in "
                + BacktestCsv.SCHEMA.file() + ".", "class", "note");
    }

    private static void keyNumbers(Markup page, ScenarioResults scenario) {
        Summary s = scenario.summary();
        Quarter last = scenario.lastQuarter();
        Quarter worst = scenario.quarters().get(0);
        for (Quarter q : scenario.quarters()) {
            if (q.percentile(5).value() < worst.percentile(5).value()) {
                worst = q;
            }
        }
        page.open("ul", "class", "key");
        key(page, "breach probability", Numbers.percent(s.breachProb().value()),
                "95%: " + Numbers.percentRange(s.breachProb().low(), s.breachProb().high()));
        key(page, "median first breach", firstBreach(scenario), s.firstBreachP50Quarter().isPresent()
                ? "quarter " + s.firstBreachP50Quarter().getAsInt() + " of " + scenario.quarters().size() : "");
        key(page, "breach level", scenario.breachLevel().known() ? Numbers.money(scenario.breachLevel().value()) : "-",
                scenario.breachLevel().known() ? (scenario.breachLevel().constant() ? scenario.unit() + ", constant"
                        : scenario.unit() + ", mean of " + scenario.breachLevel().distribution()) : "the breach rule is not item < level");
        key(page, "cash at end of " + last.label() + ", median", Numbers.money(s.terminalP50().value()),
                "95%: " + Numbers.moneyRange(s.terminalP50().low(), s.terminalP50().high()));
        key(page, "cash at end, P05 (worst 5%)", Numbers.money(s.terminalP05().value()),
                "95%: " + Numbers.moneyRange(s.terminalP05().low(), s.terminalP05().high()));
        key(page, "cash at end, P95 (best 5%)", Numbers.money(s.terminalP95().value()),
                "95%: " + Numbers.moneyRange(s.terminalP95().low(), s.terminalP95().high()));
        key(page, "lowest P05 of cash over the quarters", Numbers.money(worst.percentile(5).value()),
                "in " + worst.label());
        key(page, "mean of the worst 5% at end (CVaR 5%)", Numbers.money(last.cvar05()), scenario.unit());
        key(page, "injection fired", Numbers.percent(s.injectionProb().value()), Double.isNaN(s.injectionMean())
                ? "no injection fired" : "mean " + Numbers.money(s.injectionMean()) + " " + scenario.unit() + " when it fired");
        page.close("ul");
    }

    private static void key(Markup page, String label, String value, String detail) {
        page.open("li");
        page.element("span", label, "class", "label");
        page.element("span", value, "class", "value");
        if (!detail.isEmpty()) {
            page.element("span", detail, "class", "interval");
        }
        page.close("li");
    }

    private static void sensitivity(Markup page, ScenarioResults scenario) {
        page.element("h3", "What drives the risk");
        if (!scenario.hasSensitivity()) {
            page.element("p", "No tornado chart and no sensitivity table: this folder has no " + scenario.name() + "/"
                    + SensitivityCsv.SCHEMA.file() + " (the sensitivity analysis was not run for this scenario).",
                    "class", "note tornado-skipped");
            return;
        }
        if (Charts.tornadoRows(scenario).isEmpty()) {
            page.element("p", "No tornado chart: " + SensitivityCsv.SCHEMA.file() + " has no driver with breach "
                    + "probabilities at its P10 and P90.", "class", "note tornado-skipped");
        }
        List<Sensitivity> rows = scenario.sensitivity();
        page.open("div", "class", "table-wrap").open("table", "class", "sensitivity");
        page.open("thead").open("tr");
        page.element("th", "driver");
        for (String heading : List.of("rank correlation with end cash", "share of variance",
                "breach prob. at driver's P10", "at P90", "driver at P10", "at P90", "mean end cash at P10",
                "at P90")) {
            page.element("th", heading, "class", "num");
        }
        page.close("tr").close("thead");
        page.open("tbody");
        for (Sensitivity row : rows.subList(0, Math.min(SENSITIVITY_ROWS, rows.size()))) {
            page.open("tr");
            page.element("td", row.driver());
            num(page, Numbers.decimal(row.spearman()));
            num(page, Numbers.percent(row.varianceShare()));
            num(page, Numbers.percent(row.breachProbAtP10()));
            num(page, Numbers.percent(row.breachProbAtP90()));
            num(page, Numbers.decimal(row.valueAtP10()));
            num(page, Numbers.decimal(row.valueAtP90()));
            num(page, Numbers.money(row.terminalMeanAtP10()));
            num(page, Numbers.money(row.terminalMeanAtP90()));
            page.close("tr");
        }
        page.close("tbody");
        page.close("table").close("div");
        page.element("p", "Rows in the order of " + SensitivityCsv.SCHEMA.file() + " (largest rank correlation "
                + "first)" + (rows.size() > SENSITIVITY_ROWS ? "; " + (rows.size() - SENSITIVITY_ROWS)
                + " more row(s) in the file" : "") + "."
                + (rows.stream().anyMatch(Sensitivity::isEvent) ? " Rows named event:… are an event's amount; they "
                        + "have no P10/P90 figures." : "")
                + " Driver values are in the driver's own unit.", "class", "note");
    }

    private static void solve(Markup page, ScenarioResults scenario) {
        page.element("h3", "What would prevent it: an up-front injection");
        if (scenario.solve().isEmpty()) {
            page.element("p", SolveCsv.SCHEMA.file() + " has no row for " + scenario.name() + ".", "class", "note");
            return;
        }
        page.open("ul", "class", "solve");
        for (Solve solve : scenario.solve()) {
            page.element("li", sentence(solve));
        }
        page.close("ul");
        page.element("p", "The smallest injection (in the unit of cash) paid in at the start of the quarter named, found by "
                + "re-simulating the scenario; its 95% interval reflects the Monte Carlo error of the breach "
                + "probability it is solved against.", "class", "note");
    }

    /** One solver result as a sentence. */
    static String sentence(Solve solve) {
        String target = Numbers.target(solve.maxBreachProb());
        return switch (solve.status()) {
            case ALREADY_MET -> "Without any injection the breach probability is already at or under " + target
                    + (Double.isNaN(solve.breachProbAtInjection()) ? "" : " (it is "
                    + Numbers.percent(solve.breachProbAtInjection()) + ")") + ".";
            case OUT_OF_REACH -> "No up-front injection at " + solve.quarter() + " within the solver's range keeps the "
                    + "breach probability at or under " + target + ".";
            case SOLVED -> "An up-front injection of " + Numbers.money(solve.injection()) + " at " + solve.quarter()
                    + " keeps the breach probability at or under " + target + " (95% interval "
                    + Numbers.money(solve.injectionLow()) + "–" + Numbers.money(solve.injectionHigh()) + ")"
                    + (Double.isNaN(solve.breachProbAtInjection()) ? "" : "; with it the breach probability is "
                    + Numbers.percent(solve.breachProbAtInjection())) + ".";
        };
    }

    private static void sources(Markup page, RunResults results) {
        page.open("section", "id", "sources");
        page.element("h2", "Inputs and their sources");
        page.element("p", "Each scenario's drivers (their distribution and where its numbers come from), its events "
                + "and the rank correlations between drivers, as recorded in manifest.csv.", "class", "note");
        Map<String, List<String[]>> byScenario = new LinkedHashMap<>();
        for (ScenarioResults scenario : results.scenarios()) {
            byScenario.put(scenario.name(), new ArrayList<>());
        }
        for (Map.Entry<String, String> entry : results.manifest().entrySet()) {
            String[] row = sourceRow(entry.getKey(), entry.getValue());
            if (row != null) {
                byScenario.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
            }
        }
        for (Map.Entry<String, List<String[]>> scenario : byScenario.entrySet()) {
            List<String[]> rows = scenario.getValue();
            long drivers = rows.stream().filter(r -> r[1].equals("driver")).count();
            long events = rows.stream().filter(r -> r[1].equals("event")).count();
            long correlations = rows.stream().filter(r -> r[1].startsWith("correlation")).count();
            page.open("details", "class", "sources");
            page.element("summary", scenario.getKey() + ": " + drivers + " driver(s), " + events + " event(s), "
                    + correlations + " correlation(s)");
            page.open("div", "class", "table-wrap").open("table");
            page.open("thead").open("tr");
            for (String heading : List.of("kind", "name", "distribution or value", "source")) {
                page.element("th", heading);
            }
            page.close("tr").close("thead");
            page.open("tbody");
            for (String[] row : rows) {
                page.open("tr");
                page.element("td", row[1]);
                page.element("td", row[2]);
                page.element("td", row[3]);
                page.element("td", row[4], "class", "source");
                page.close("tr");
            }
            page.close("tbody");
            page.close("table").close("div");
            page.close("details");
        }
        page.close("section");
    }

    /**
     * A manifest row about an input as {scenario, kind, name, distribution or value, source}, or
     * null for the other rows. Driver and correlation values are "distribution; source".
     */
    static String[] sourceRow(String key, String value) {
        String[] parts = key.split(":", 4);
        if (parts[0].equals("source") && parts.length == 4) {
            if (parts[2].equals("driver")) {
                String[] split = splitFirst(value);
                return new String[] {parts[1], "driver", parts[3], split[0], split[1]};
            }
            return new String[] {parts[1], parts[2], parts[3], "", value};
        }
        if (parts[0].equals("correlation") && parts.length >= 3) {
            String[] split = splitFirst(value);
            return new String[] {parts[1], "correlation", key.substring(parts[0].length() + parts[1].length() + 2)
                .replace("~", " ~ "), split[0], split[1]};
        }
        if (parts[0].equals("correlation_repair") && parts.length == 2) {
            return new String[] {parts[1], "correlation repair", "", "", value};
        }
        return null;
    }

    private static String[] splitFirst(String value) {
        int semicolon = value.indexOf("; ");
        return semicolon < 0 ? new String[] {value, ""}
                : new String[] {value.substring(0, semicolon), value.substring(semicolon + 2)};
    }

    private static void manifest(Markup page, RunResults results) {
        page.open("section", "id", "manifest");
        page.element("h2", "Manifest");
        page.open("details", "class", "manifest");
        page.element("summary", "All " + results.manifest().size() + " rows of manifest.csv: engine, seed, paths, "
                + "method, the SHA-256 of every input file, every source, and how the run went");
        page.open("div", "class", "table-wrap").open("table");
        page.open("thead").open("tr").element("th", "key").element("th", "value").close("tr").close("thead");
        page.open("tbody");
        for (Map.Entry<String, String> entry : results.manifest().entrySet()) {
            page.open("tr").element("td", entry.getKey()).element("td", entry.getValue(), "class", "source")
                    .close("tr");
        }
        page.close("tbody");
        page.close("table").close("div");
        page.close("details");
        page.close("section");
    }

    private static void figure(Markup page, RenderedChart chart, String cssClass) {
        page.open("figure", "class", cssClass, "id", "chart-" + chart.name());
        page.raw(chart.inlineSvg());
        page.raw("\n");
        page.open("figcaption");
        page.text(chart.description() + " ");
        page.element("a", "PNG", "href", Report.CHARTS + "/" + chart.name() + ".png");
        page.text(" · ");
        page.element("a", "SVG", "href", Report.CHARTS + "/" + chart.name() + ".svg");
        page.close("figcaption");
        page.close("figure");
    }

    private static void scenarioName(Markup page, ScenarioResults scenario, int index, boolean link) {
        page.open("span", "class", "scenario-name");
        page.element("span", "", "class", "swatch", "style", "background:" + hex(Charts.colour(index)));
        if (link) {
            page.element("a", scenario.name(), "href", "#" + anchor(scenario.name()));
        } else {
            page.text(scenario.name());
        }
        page.close("span");
    }

    private static String firstBreach(ScenarioResults scenario) {
        var quarter = scenario.summary().firstBreachP50Quarter();
        return quarter.isPresent() ? scenario.label(quarter.getAsInt()) : "none";
    }

    private static void num(Markup page, String text) {
        page.element("td", text, "class", "num");
    }

    private static String caseName(RunResults results) {
        String inputs = results.manifestValue("inputs");
        return inputs.isEmpty() ? results.folder().toAbsolutePath().normalize().getFileName() + "" : inputs;
    }

    /** The id of a scenario's section: its name with anything but letters, digits, - and _ replaced. */
    static String anchor(String scenario) {
        return "scenario-" + scenario.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String hex(Color colour) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", colour.getRed(), colour.getGreen(), colour.getBlue());
    }

    /**
     * Writes XHTML that is also valid HTML: every element but the void ones is closed
     * explicitly, text and attribute values are escaped, and characters XML forbids are dropped.
     */
    static final class Markup {
        private final StringBuilder out = new StringBuilder(1 << 20);

        Markup open(String tag, String... attributes) {
            out.append('<').append(tag);
            attributes(attributes);
            out.append('>');
            return this;
        }

        Markup close(String tag) {
            out.append("</").append(tag).append('>');
            if (!tag.equals("a") && !tag.equals("span") && !tag.equals("td") && !tag.equals("th")
                    && !tag.equals("code")) {
                out.append('\n');
            }
            return this;
        }

        /** A void element such as {@code <meta .../>}. */
        Markup empty(String tag, String... attributes) {
            if (!VOID_ELEMENTS.contains(tag)) {
                throw new IllegalArgumentException(tag + " is not a void element; open and close it");
            }
            out.append('<').append(tag);
            attributes(attributes);
            out.append("/>\n");
            return this;
        }

        Markup element(String tag, String text, String... attributes) {
            return open(tag, attributes).text(text).close(tag);
        }

        Markup text(String text) {
            out.append(escape(text, false));
            return this;
        }

        /** Markup that is already well-formed, such as an inline SVG. */
        Markup raw(String markup) {
            out.append(markup);
            return this;
        }

        private void attributes(String[] attributes) {
            if (attributes.length % 2 != 0) {
                throw new IllegalArgumentException("attributes come in name, value pairs");
            }
            for (int i = 0; i < attributes.length; i += 2) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1], true))
                        .append('"');
            }
        }

        static String escape(String text, boolean attribute) {
            StringBuilder escaped = new StringBuilder(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> escaped.append("&amp;");
                    case '<' -> escaped.append("&lt;");
                    case '>' -> escaped.append("&gt;");
                    case '"' -> escaped.append(attribute ? "&quot;" : "\"");
                    default -> {
                        boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE
                                && c != 0xFFFF);
                        if (allowed) {
                            escaped.append(c);
                        }
                    }
                }
            }
            return escaped.toString();
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
