package dev.runway.fit;

import dev.runway.lang.Names;
import dev.runway.model.DistributionKind;
import dev.runway.model.InputLimits;
import dev.runway.model.FiscalQuarter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything {@code runway fit} is asked to do, as the options give it, and what is wrong with it
 * ({@link #problems}) before the history is read.
 *
 * @param family     a family's name or {@link Family#AUTO}
 * @param from       the first quarter of the window, or null for the first the series can be computed in
 * @param to         the last quarter of the window, or null for the last
 * @param name       the driver's (or with {@code timeSeries}, the line item's) name, or null for the item's
 * @param unit       the unit for the pasted rows, or null for the item's
 * @param support    {@code MIN,MAX} fixing the ends of the bounded families, or null
 */
public record FitRequest(Path history, String series, String family, String from, String to, boolean timeSeries,
        String name, String scenario, String unit, String support, Path out) {

    /** The scenario the drivers rows are for when none is given. */
    public static final String DEFAULT_SCENARIO = "base";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SCENARIO = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final List<String> RESERVED = List.of("quarter", "breach", "report");
    /** Long enough for any sensible name, short enough that the time series' names stay readable. */
    private static final int MAX_NAME = 64;

    /** Every problem of the options, one line each; empty when the request can run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!family.equals(Family.AUTO) && Family.fromName(family) == null) {
            DistributionKind kind = DistributionKind.fromCsv(family);
            problems.add(kind != null ? "--family " + family + " is not fitted: "
                    + (kind == DistributionKind.CONSTANT ? "a constant has nothing to fit (write constant(value) in "
                    + "drivers.csv)" : "a history of amounts is continuous, and the likelihood of a discrete "
                    + "distribution cannot be ranked against densities") + "; choose one of " + familyList()
                    : "unknown --family \"" + family + "\"" + Names.didYouMean(family, familyNames())
                    + " Choose one of " + familyList());
        }
        quarter("--from", from, problems);
        quarter("--to", to, problems);
        if (fromQuarter() != null && toQuarter() != null && fromQuarter().compareTo(toQuarter()) > 0) {
            problems.add("--from " + from + " is after --to " + to + "; the window runs from --from to --to");
        }
        if (name != null) {
            if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
                problems.add("--name must be a name of letters, digits and _, starting with a letter, at most " + MAX_NAME
                        + " characters (it names a driver in formulas), found '" + name + "'");
            } else if (Names.FUNCTIONS.contains(name) || DistributionKind.fromCsv(name) != null
                    || RESERVED.contains(name)) {
                problems.add("--name " + name + " is a word of the model language; choose another name");
            }
        }
        if (!SCENARIO.matcher(scenario).matches() || scenario.length() > 100) {
            problems.add("--scenario must be a scenario name of letters, digits, _ and -, not starting with -, at most "
                    + "100 characters, found '" + scenario + "'");
        }
        if (unit != null && unit.chars().anyMatch(Character::isISOControl)) {
            problems.add("--unit must be one line of text");
        }
        if (support != null && supportRange() == null) {
            problems.add("--support must be two numbers MIN,MAX with MIN below MAX, such as 0,1, found '" + support + "'");
        } else if (support != null && (Math.abs(supportRange().min()) > InputLimits.MAX_MAGNITUDE
                || Math.abs(supportRange().max()) > InputLimits.MAX_MAGNITUDE)) {
            problems.add("--support's ends must be " + InputLimits.MAGNITUDE_RULE + ", found '" + support + "'");
        }
        if (support != null && supportRange() != null && Family.fromName(family) != null
                && !Family.fromName(family).bounded()) {
            problems.add("--support fixes the ends of the bounded families (uniform, triangular, pert, beta); "
                    + family + " has none. Leave --support out, or choose a bounded --family");
        }
        return problems;
    }

    private static void quarter(String option, String label, List<String> problems) {
        // The window is in fiscal quarters, as the histories Runway ships label them.
        if (label != null && (FiscalQuarter.parse(label) == null || !FiscalQuarter.parse(label).fiscal())) {
            problems.add(option + " must be a fiscal quarter FY<year>Q<1-4>, such as FY2024Q4, found '" + label + "'");
        }
    }

    private static List<String> familyNames() {
        List<String> names = new ArrayList<>(Family.names());
        names.add(Family.AUTO);
        return names;
    }

    /** The families and {@code auto}, for messages. */
    public static String familyList() {
        return String.join(", ", Family.names()) + ", or auto (all of them, ranked by AIC)";
    }

    public FiscalQuarter fromQuarter() {
        return from == null ? null : FiscalQuarter.parse(from);
    }

    public FiscalQuarter toQuarter() {
        return to == null ? null : FiscalQuarter.parse(to);
    }

    /** The families to fit, in the order they are listed. */
    public List<Family> families() {
        return family.equals(Family.AUTO) ? List.of(Family.values()) : List.of(Family.fromName(family));
    }

    /** The fixed support, or null if none was given or it is malformed. */
    public Support supportRange() {
        if (support == null) {
            return null;
        }
        String[] ends = support.split(",", -1);
        if (ends.length != 2 || !DECIMAL.matcher(ends[0].strip()).matches()
                || !DECIMAL.matcher(ends[1].strip()).matches()) {
            return null;
        }
        double min = Double.parseDouble(ends[0].strip());
        double max = Double.parseDouble(ends[1].strip());
        return Double.isFinite(min) && Double.isFinite(max) && min < max ? new Support(min, max) : null;
    }
}
