package dev.runway.io;

import dev.runway.lang.Names;
import dev.runway.model.CaseInputs;
import dev.runway.model.Copula;
import dev.runway.model.Correlation;
import dev.runway.model.CorrelationMatrix;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.EventKind;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.InputLimits;
import dev.runway.model.Model;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;
import dev.runway.model.SourceLines;
import dev.runway.model.StandardModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads an input folder (the format of docs/model.md) into resolved scenarios. Every file is read in
 * full and every problem is collected with its file, line and column; the caller gets either a
 * complete {@link CaseInputs} or an {@link InputException} listing all of them. The folder's
 * {@code model.csv} gives the formulas; a folder without one gets the standard model built into
 * the jar, with its ten drivers and six schedule columns required as before.
 */
public final class InputReader {
    public static final String SCENARIOS = "scenarios.csv";
    public static final String DRIVERS = "drivers.csv";
    public static final String EVENTS = "events.csv";
    public static final String SCHEDULE = "schedule.csv";
    public static final String CORRELATIONS = "correlations.csv";
    public static final String MODEL = ModelReader.FILE;

    static final List<String> SCENARIO_COLUMNS = List.of("scenario", "parent", "description");
    static final List<String> DRIVER_COLUMNS =
            List.of("scenario", "driver", "distribution", "p1", "p2", "p3", "p4", "unit", "source");
    static final List<String> EVENT_COLUMNS = List.of("scenario", "event", "kind", "probability", "distribution",
            "p1", "p2", "p3", "p4", "first_quarter", "last_quarter", "trigger_below", "source");
    /** The columns every schedule has; the amounts come after them. */
    static final List<String> SCHEDULE_KEYS = List.of("scenario", "quarter", "label");
    static final List<String> STANDARD_SCHEDULE_COLUMNS = concat(SCHEDULE_KEYS, StandardModel.SCHEDULE_COLUMNS);
    static final List<String> CORRELATION_COLUMNS = List.of("scenario", "driver_a", "driver_b", "rho");
    /**
     * The columns that say which row of which scenario a row is: a file whose header lacks one
     * cannot be read whole. (A model file lacking any column is not read at all.)
     */
    private static final Map<String, List<String>> KEY_COLUMNS = Map.of(
            SCENARIOS, List.of("scenario"),
            DRIVERS, List.of("scenario", "driver"),
            EVENTS, List.of("scenario", "event"),
            SCHEDULE, List.of("scenario", "quarter"),
            CORRELATIONS, List.of("scenario", "driver_a", "driver_b"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    /** A driver is named in formulas, so its name follows their rules. */
    private static final Pattern DRIVER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final int MAX_QUARTER = InputLimits.MAX_QUARTERS;
    private static final Pattern QUARTER = Pattern.compile("[1-9][0-9]{0,4}");
    /** A scenario's name is its folder's name under --out: well below the 255 bytes file systems allow. */
    static final int MAX_SCENARIO_NAME = 100;
    /** The smallest eigenvalue a repaired copula matrix keeps, so its Cholesky factor is well conditioned. */
    private static final double MIN_EIGENVALUE = 1e-6;

    private record ScenarioRow(String name, String parent, String description, int line) { }

    /*
     * A rejected row whose key (driver, event, quarter, pair) could be read is kept with a null
     * value: it still overrides its parent's row and still counts as present, so the checks of
     * the whole scenario (a missing driver, a gap in the quarters, an event past the horizon) run
     * in the same round as the cell errors, without blaming the rejected row a second time.
     */

    /** A row of drivers.csv; the distribution is null if the row was rejected. */
    private record DriverRow(String driver, Distribution distribution, String source, int line) { }

    /** A row of events.csv; the event is null if the row was rejected, the last quarter 0 if unreadable. */
    private record EventRow(String name, int lastQuarter, Event event, int line) { }

    /** A row of schedule.csv; the amounts are null if the row was rejected. */
    private record ScheduleRow(String label, Map<String, Double> amounts, int line) { }

    /** A row of correlations.csv; the correlation is null if the row was rejected. */
    private record CorrelationRow(String a, String b, Correlation correlation, int line) { }

    /** The rows of one scenario, keyed as inheritance overrides them. */
    private static final class OwnRows {
        final Map<String, DriverRow> drivers = new LinkedHashMap<>();
        final Map<String, EventRow> events = new LinkedHashMap<>();
        final Map<Integer, ScheduleRow> schedule = new TreeMap<>();
        /** Keyed by the pair in name order, so (a, b) and (b, a) are one pair. */
        final Map<List<String>, CorrelationRow> correlations = new LinkedHashMap<>();
        /** Whether a row of this scenario had a key that could not be read: what seems missing may be that row. */
        boolean driverUnread;
        boolean eventUnread;
        boolean quarterUnread;
        boolean pairUnread;
    }

    private final Path folder;
    private final boolean repairCorrelations;
    private final List<InputError> errors = new ArrayList<>();
    private final Map<String, String> hashes = new TreeMap<>();
    private final Map<String, ScenarioRow> scenarioRows = new LinkedHashMap<>();
    private final Map<String, OwnRows> ownRows = new HashMap<>();
    /** Names of scenario rows that were rejected: rows naming them are not also told the scenario is unknown. */
    private final Set<String> rejectedScenarios = new HashSet<>();
    /** A row of drivers.csv names no readable driver: a name the model uses may be that one. */
    private boolean driverNameUnread;
    /** Files that could not be read whole: what seems missing from them is not reported again. */
    private final Set<String> incompleteFiles = new HashSet<>();
    /** Rows already blamed while resolving: a row inherited by several scenarios is reported once. */
    private final Set<String> blamedRows = new HashSet<>();
    /** Every driver named in drivers.csv, in file order, with its unit and its first line. */
    private final Map<String, String> driverUnits = new LinkedHashMap<>();
    private final Map<String, Integer> driverLines = new HashMap<>();
    /** Null until the model file is parsed; the standard model when the folder has none. */
    private ModelReader modelReader;
    /** The schedule's amount columns the model may name, once the model is checked. */
    private final List<String> scheduleColumns = new ArrayList<>();
    private boolean standard;
    private Model model;

    private InputReader(Path folder, boolean repairCorrelations) {
        this.folder = folder;
        this.repairCorrelations = repairCorrelations;
    }

    /** Reads and resolves every scenario of the folder, or throws with every error found. */
    public static CaseInputs read(Path folder) throws InputException {
        return read(folder, false);
    }

    /**
     * As {@link #read(Path)}; with {@code repairCorrelations}, a scenario whose correlations
     * are not positive definite gets the nearest matrix that is (the copula records how far it
     * moved) instead of an error.
     */
    public static CaseInputs read(Path folder, boolean repairCorrelations) throws InputException {
        return new InputReader(folder, repairCorrelations).readAll();
    }

    /**
     * The standard model, checked, with its event targets (volume and cash): what a folder
     * without a model file gets, for scenarios built in code.
     */
    public static Model standardModel() {
        InputReader reader = new InputReader(Path.of("."), false);
        reader.standard = true;
        reader.modelReader = ModelReader.parse(reader.standardModelTable(), reader.errors);
        reader.checkModel(null);
        if (reader.model == null) {
            throw new IllegalStateException("the built-in standard model does not check: " + reader.errors);
        }
        return reader.model.withTargets(List.of(EventKind.VOLUME_SHOCK.defaultTarget()), List.of());
    }

    private CaseInputs readAll() throws InputException {
        if (!Files.isDirectory(folder)) {
            throw new InputException(List.of(new InputError(folder.toString(), 0, "",
                    "not a folder; expected an input folder with " + SCENARIOS + ", " + DRIVERS + " and " + SCHEDULE
                            + " (" + EVENTS + " and " + CORRELATIONS + " are optional)")));
        }
        CsvTable scenarios = table(SCENARIOS, SCENARIO_COLUMNS, true);
        if (scenarios != null) {
            readScenarios(scenarios);
        }
        readModelFile();
        CsvTable drivers = table(DRIVERS, DRIVER_COLUMNS, true);
        if (drivers != null) {
            readDrivers(drivers);
        }
        CsvTable schedule = table(SCHEDULE, standard ? STANDARD_SCHEDULE_COLUMNS : SCHEDULE_KEYS, true);
        checkModel(schedule);
        if (schedule != null) {
            readSchedule(schedule);
        }
        CsvTable events = table(EVENTS, EVENT_COLUMNS, false);
        if (events != null) {
            readEvents(events);
        }
        CsvTable correlations = table(CORRELATIONS, CORRELATION_COLUMNS, false);
        if (correlations != null) {
            readCorrelations(correlations);
        }
        if (model != null) {
            model = model.withTargets(eventTargets(false), eventTargets(true));
        }
        List<Scenario> resolved = new ArrayList<>();
        // Without the parent column, no scenario's ancestors are known.
        boolean lineageKnown = scenarios != null && scenarios.usable("parent");
        for (ScenarioRow row : lineageKnown ? scenarioRows.values() : List.<ScenarioRow>of()) {
            Scenario scenario = resolve(row);
            if (scenario != null) {
                resolved.add(scenario);
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        if (resolved.size() != scenarioRows.size()) {
            throw new IllegalStateException("a scenario was left out without an error to say why");
        }
        return new CaseInputs(folder.toString(), resolved, hashes, model);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The folder's model file, parsed; or the standard model when there is none. */
    private void readModelFile() {
        // Whatever stands at the name, a dangling link too, is the model file: reported if unusable, never ignored.
        standard = !Files.exists(folder.resolve(MODEL), LinkOption.NOFOLLOW_LINKS);
        CsvTable table = standard ? standardModelTable() : table(MODEL, ModelReader.COLUMNS, true);
        if (table != null && table.usable()) {
            modelReader = ModelReader.parse(table, errors);
        }
    }

    private CsvTable standardModelTable() {
        try (InputStream in = InputReader.class.getResourceAsStream(StandardModel.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + StandardModel.RESOURCE);
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            List<InputError> own = new ArrayList<>();
            CsvTable table = CsvTable.parse("the standard model", lines, ModelReader.COLUMNS, own);
            if (!own.isEmpty()) {
                throw new IllegalStateException("the built-in standard model does not read: " + own);
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the model against the drivers and the schedule's columns. The standard model's
     * drivers are all taken as declared, so one missing from drivers.csv is reported per
     * scenario ("add a row for it") rather than as an unknown name in a file the user never wrote.
     */
    private void checkModel(CsvTable schedule) {
        if (modelReader == null) {
            return;
        }
        List<String> columns = scheduleColumns;
        if (standard) {
            columns.addAll(StandardModel.SCHEDULE_COLUMNS);
        } else if (schedule != null) {
            schedule.header().stream().filter(c -> !SCHEDULE_KEYS.contains(c) && !c.isEmpty()).forEach(columns::add);
        }
        Map<String, String> declared = new LinkedHashMap<>();
        if (standard) {
            StandardModel.DRIVERS.forEach(d -> declared.put(d, driverUnits.getOrDefault(d, "")));
        } else {
            declared.putAll(driverUnits);
        }
        // The schedule's columns are its header's, known even if some of its rows are not.
        boolean complete = !incompleteFiles.contains(DRIVERS) && (standard || schedule != null) && !driverNameUnread;
        model = modelReader.check(declared, driverLines, display(DRIVERS), columns, complete);
    }

    /** The items the injections, or else the shocks, of every scenario move. */
    private List<String> eventTargets(boolean injections) {
        List<String> targets = new ArrayList<>();
        for (OwnRows rows : ownRows.values()) {
            rows.events.values().stream().filter(e -> e.event() != null)
                    .filter(e -> e.event().kind().injection() == injections)
                    .forEach(e -> targets.add(e.event().target()));
        }
        return targets;
    }

    /** How a file of the folder is named in messages: the path as the user gave the folder. */
    private String display(String name) {
        return folder.resolve(name).toString();
    }

    /**
     * A file of the folder as a table, or null when it is absent (an error if it is required) or
     * cannot be used (always an error). Whatever is at the file's name counts as present: a
     * dangling link, a folder or an unreadable file is reported, never taken for an absent
     * optional file.
     */
    private CsvTable table(String name, List<String> columns, boolean required) {
        Path path = folder.resolve(name);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            // An absent optional file is complete: it has no rows.
            if (required || !Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
                incompleteFiles.add(name);
            }
            if (!Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
                errors.add(new InputError(display(name), 0, "", "cannot tell whether the file exists: the folder "
                        + folder + " may not be searched; give yourself access to it (chmod u+rx)"));
            } else if (required) {
                errors.add(new InputError(display(name), 0, "", "missing file; expected a CSV with the columns "
                        + String.join(",", columns)));
            }
            return null;
        }
        byte[] bytes = CsvTable.readBytes(path, display(name), errors);
        if (bytes == null) {
            incompleteFiles.add(name);
            return null;
        }
        hashes.put(name, CsvTable.sha256(bytes));
        CsvTable table = CsvTable.parse(display(name), bytes, columns, errors);
        // Rows that could not be read are placed, where they can be, by the method that reads the file.
        if (table == null || !KEY_COLUMNS.getOrDefault(name, columns).stream().allMatch(table::usable)) {
            incompleteFiles.add(name);
        }
        return table;
    }

    private void readScenarios(CsvTable table) {
        // By the name in lower case: on macOS and Windows, Base and base would be one output folder.
        Map<String, ScenarioRow> byFolder = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            RowFields fields = new RowFields(table, row, errors);
            String name = name(fields, "scenario");
            if (name.length() > MAX_SCENARIO_NAME) {
                fields.error("scenario", "the name has " + name.length() + " characters; a scenario name may have at "
                        + "most " + MAX_SCENARIO_NAME + ", because it names the scenario's folder under --out. Shorten it");
            }
            String parent = table.cell(row, "parent");
            if (!fields.valid()) {
                rejectedScenarios.add(name);
                continue;
            }
            ScenarioRow scenario = new ScenarioRow(name, parent, table.cell(row, "description"), row.line());
            ScenarioRow previous = scenarioRows.putIfAbsent(name, scenario);
            if (previous != null) {
                fields.error("scenario", "scenario " + name + " is already defined on line " + previous.line());
                continue;
            }
            ownRows.put(name, new OwnRows());
            ScenarioRow sameFolder = byFolder.putIfAbsent(name.toLowerCase(Locale.ROOT), scenario);
            if (sameFolder != null) {
                fields.error("scenario", "scenario " + name + " differs from " + sameFolder.name() + " (line "
                        + sameFolder.line() + ") only in upper and lower case, so on macOS and Windows their output "
                        + "folders would be one; rename one of them");
            }
        }
        for (CsvTable.Row row : table.lostRows()) {
            // A lost row whose name can be read is a scenario in error: rows naming it are not unknown.
            String name = table.usable() ? table.cell(row, "scenario") : "";
            if (NAME.matcher(name).matches()) {
                rejectedScenarios.add(name);
            } else {
                incompleteFiles.add(SCENARIOS);
            }
        }
        for (ScenarioRow row : scenarioRows.values()) {
            if (!row.parent().isEmpty() && !scenarioRows.containsKey(row.parent())
                    && !rejectedScenarios.contains(row.parent()) && !incompleteFiles.contains(SCENARIOS)) {
                errors.add(new InputError(display(SCENARIOS), row.line(), "parent", "unknown parent scenario \"" + row.parent()
                        + "\"; expected one of " + String.join(", ", scenarioRows.keySet()) + " or empty for a root"));
            }
        }
    }

    /**
     * The scenario of a row that could not be read whole, or null. Such a row still says which
     * row of which scenario it was meant to be where its key cells can be read, so only that
     * scenario waits for it; a lost row whose scenario cannot be read, or any lost row under a
     * header in error, leaves the whole file incomplete. Null also for a row of an unknown
     * scenario: no known scenario can be missing it.
     */
    private OwnRows lostRowScenario(CsvTable table, CsvTable.Row row, String file) {
        String scenario = table.usable() ? table.cell(row, "scenario") : "";
        if (!NAME.matcher(scenario).matches()) {
            incompleteFiles.add(file);
            return null;
        }
        return ownRows.get(scenario);
    }

    private String name(RowFields fields, String column) {
        String name = fields.required(column, "a name");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            fields.error(column, "expected a name of letters, digits, '_' and '-', found \"" + name + "\"");
        }
        return name;
    }

    /** The rows of the scenario named in the row's {@code scenario} column, or null (with an error). */
    private OwnRows scenarioOf(RowFields fields) {
        String name = fields.required("scenario", "a scenario of " + SCENARIOS);
        if (name.isEmpty()) {
            return null;
        }
        OwnRows rows = ownRows.get(name);
        if (rows == null && !incompleteFiles.contains(SCENARIOS) && !rejectedScenarios.contains(name)) {
            fields.error("scenario", "unknown scenario \"" + name + "\"; expected one of "
                    + String.join(", ", scenarioRows.keySet()) + " (declare it in " + SCENARIOS + ")");
        }
        return rows;
    }

    private void readDrivers(CsvTable table) {
        for (CsvTable.Row row : table.rows()) {
            RowFields fields = new RowFields(table, row, errors);
            OwnRows rows = scenarioOf(fields);
            String driver = driverName(fields, "driver");
            Distribution distribution = fields.distribution();
            if (driver != null && distribution != null && standard) {
                String problem = StandardModel.rangeProblem(driver, distribution);
                if (problem != null) {
                    fields.error("distribution", problem);
                }
            }
            if (driver != null) {
                driverUnits.putIfAbsent(driver, table.cell(row, "unit"));
                driverLines.putIfAbsent(driver, row.line());
            } else {
                driverNameUnread = true;
                if (rows != null) {
                    rows.driverUnread = true;
                }
            }
            if (rows == null || driver == null) {
                continue;
            }
            DriverRow previous = rows.drivers.putIfAbsent(driver, new DriverRow(driver,
                    fields.valid() ? distribution : null, table.cell(row, "source"), row.line()));
            if (previous != null) {
                fields.error("driver", "driver " + driver + " is already set for this scenario on line "
                        + previous.line());
            }
        }
        for (CsvTable.Row row : table.lostRows()) {
            OwnRows rows = lostRowScenario(table, row, DRIVERS);
            String driver = table.usable() ? table.cell(row, "driver") : "";
            if (DRIVER_NAME.matcher(driver).matches() && (!standard || StandardModel.DRIVERS.contains(driver))) {
                // Its unit may be a shifted cell: unknown, so it is compared with nothing.
                driverUnits.putIfAbsent(driver, "");
                driverLines.putIfAbsent(driver, row.line());
                if (rows != null) {
                    rows.drivers.putIfAbsent(driver, new DriverRow(driver, null, "", row.line()));
                }
            } else {
                driverNameUnread = true;
                if (rows != null) {
                    rows.driverUnread = true;
                }
            }
        }
    }

    private void readEvents(CsvTable table) {
        for (CsvTable.Row row : table.rows()) {
            RowFields fields = new RowFields(table, row, errors);
            OwnRows rows = scenarioOf(fields);
            String name = name(fields, "event");
            String kindName = fields.required("kind", "an event kind (injection, cash_shock, volume_shock)");
            EventKind kind = EventKind.fromCsv(kindName);
            if (kind == null && !kindName.isEmpty()) {
                fields.error("kind", "unknown event kind \"" + kindName + "\"; expected injection, cash_shock or "
                        + "volume_shock");
            }
            double probability = fields.optionalNumber("probability", 1.0);
            if (!(probability >= 0 && probability <= 1) && !Double.isNaN(probability)) {
                fields.error("probability", "expected a probability in [0, 1], found " + probability);
            }
            Distribution amount = fields.distribution();
            int first = fields.integer("first_quarter", 1, MAX_QUARTER);
            int last = fields.integer("last_quarter", 1, MAX_QUARTER);
            if (first >= 1 && last >= 1 && last < first) {
                fields.error("last_quarter", "expected last_quarter >= first_quarter (" + first + "), found " + last);
            }
            boolean triggered = !table.cell(row, "trigger_below").isEmpty();
            double trigger = fields.optionalNumber("trigger_below", Double.NaN);
            if (triggered && kind != null && !kind.injection()) {
                fields.error("trigger_below", "only injections can be triggered; leave trigger_below empty for a "
                        + kind.csvName());
            }
            String target = table.cell(row, "target");
            if (target.isEmpty() && kind != null) {
                target = kind.defaultTarget();
            }
            List<String> items = modelItems();
            if (items != null && kind != null) {
                targetProblem(fields, target, kind, items);
            }
            boolean named = NAME.matcher(name).matches();
            if (rows != null && !named) {
                rows.eventUnread = true;
            }
            if (rows == null || !named) {
                continue;
            }
            Event event = fields.valid() ? new Event(name, kind, probability, amount, first, last, triggered, trigger,
                    target, table.cell(row, "source")) : null;
            EventRow previous = rows.events.putIfAbsent(name, new EventRow(name, last, event, row.line()));
            if (previous != null) {
                fields.error("event", "event " + name + " is already defined for this scenario on line "
                        + previous.line());
            }
        }
        for (CsvTable.Row row : table.lostRows()) {
            OwnRows rows = lostRowScenario(table, row, EVENTS);
            String name = table.usable() ? table.cell(row, "event") : "";
            if (rows != null && NAME.matcher(name).matches()) {
                // Its window may be shifted cells: unknown, so it is checked against nothing.
                rows.events.putIfAbsent(name, new EventRow(name, 0, null, row.line()));
            } else if (rows != null) {
                rows.eventUnread = true;
            }
        }
    }

    /** The item an event moves must be a line item of the model (a random series is drawn, not moved). */
    private void targetProblem(RowFields fields, String target, EventKind kind, List<String> items) {
        if (items.contains(target)) {
            return;
        }
        String column = fields.text("target").isEmpty() ? "kind" : "target";
        fields.error(column, (column.equals("kind") ? "a " + kind.csvName() + " moves " + target + " unless the "
                + "target column names another item, but " : "") + "\"" + target + "\" is not a line item of "
                + (model != null ? model.file() : display(MODEL)) + Names.didYouMean(target, items)
                + (column.equals("kind") ? " Add a target column." : "") + " The items: "
                + String.join(", ", items.subList(0, Math.min(items.size(), 20)))
                + (items.size() > 20 ? " and " + (items.size() - 20) + " more" : ""));
    }

    private void readSchedule(CsvTable table) {
        List<String> amountColumns = amountColumns(table);
        for (CsvTable.Row row : table.rows()) {
            RowFields fields = new RowFields(table, row, errors);
            OwnRows rows = scenarioOf(fields);
            int quarter = fields.integer("quarter", 1, MAX_QUARTER);
            String label = fields.required("label", "a label such as FY2025Q1");
            Map<String, Double> amounts = new LinkedHashMap<>();
            for (String column : amountColumns) {
                amounts.put(column, fields.number(column));
            }
            if (rows != null && quarter < 1) {
                rows.quarterUnread = true;
            }
            if (rows == null || quarter < 1) {
                continue;
            }
            ScheduleRow previous = rows.schedule.putIfAbsent(quarter,
                    new ScheduleRow(label, fields.valid() ? amounts : null, row.line()));
            if (previous != null) {
                fields.error("quarter", "quarter " + quarter + " is already scheduled for this scenario on line "
                        + previous.line());
            }
        }
        for (CsvTable.Row row : table.lostRows()) {
            OwnRows rows = lostRowScenario(table, row, SCHEDULE);
            String quarter = table.usable() ? table.cell(row, "quarter") : "";
            if (rows != null && QUARTER.matcher(quarter).matches() && Integer.parseInt(quarter) <= MAX_QUARTER) {
                rows.schedule.putIfAbsent(Integer.parseInt(quarter), new ScheduleRow("", null, row.line()));
            } else if (rows != null) {
                rows.quarterUnread = true;
            }
        }
    }

    private void readCorrelations(CsvTable table) {
        for (CsvTable.Row row : table.rows()) {
            RowFields fields = new RowFields(table, row, errors);
            OwnRows rows = scenarioOf(fields);
            String a = correlatedDriver(fields, "driver_a");
            String b = correlatedDriver(fields, "driver_b");
            if (a != null && a.equals(b)) {
                fields.error("driver_b", "a driver cannot be correlated with itself; name two different drivers");
            }
            double rho = fields.number("rho");
            if (!Double.isNaN(rho) && !(rho >= -1 && rho <= 1)) {
                fields.error("rho", "expected a rank correlation in [-1, 1], found " + rho);
            }
            if (rows != null && (a == null || b == null)) {
                rows.pairUnread = true;
            }
            if (rows == null || a == null || b == null) {
                continue;
            }
            List<String> pair = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
            CorrelationRow previous = rows.correlations.putIfAbsent(pair, new CorrelationRow(a, b,
                    fields.valid() ? new Correlation(a, b, rho, table.cell(row, "source")) : null, row.line()));
            if (previous != null) {
                boolean mirrored = !previous.a().equals(a);
                double previousRho = previous.correlation() == null ? Double.NaN : previous.correlation().rho();
                fields.error("rho", mirrored && !Double.isNaN(previousRho) && !Double.isNaN(rho) && previousRho != rho
                        ? "the matrix is not symmetric: line " + previous.line() + " sets " + b + " ~ "
                                + a + " to " + previousRho + ", this row sets "
                                + a + " ~ " + b + " to " + rho + "; give each pair once"
                        : "the pair " + a + " ~ " + b + " is already set for this scenario on line "
                                + previous.line());
            }
        }
        for (CsvTable.Row row : table.lostRows()) {
            OwnRows rows = lostRowScenario(table, row, CORRELATIONS);
            String a = table.usable() ? table.cell(row, "driver_a") : "";
            String b = table.usable() ? table.cell(row, "driver_b") : "";
            if (rows != null && DRIVER_NAME.matcher(a).matches() && DRIVER_NAME.matcher(b).matches()) {
                rows.correlations.putIfAbsent(a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a),
                        new CorrelationRow(a, b, null, row.line()));
            } else if (rows != null) {
                rows.pairUnread = true;
            }
        }
    }

    /** A driver's name in drivers.csv: one of the standard model's, or any formula name with a model file. */
    private String driverName(RowFields fields, String column) {
        String name = fields.required(column, standard ? "a driver (" + String.join(", ", StandardModel.DRIVERS) + ")"
                : "the name of a driver");
        if (name.isEmpty()) {
            return null;
        }
        if (standard && !StandardModel.DRIVERS.contains(name)) {
            fields.error(column, "unknown driver \"" + name + "\"" + Names.didYouMean(name, StandardModel.DRIVERS)
                    + " Expected one of " + String.join(", ",
                    StandardModel.DRIVERS) + " (or write a " + MODEL + " with your own formulas)");
            return null;
        }
        if (!DRIVER_NAME.matcher(name).matches()) {
            fields.error(column, "expected a driver name of letters, digits and '_' that starts with a letter, found \""
                    + name + "\"");
            return null;
        }
        return name;
    }

    /**
     * A driver of a correlation: one the model uses. When the model did not check, one of
     * drivers.csv, if they are all known: a model that checks uses every one of them.
     */
    private String correlatedDriver(RowFields fields, String column) {
        String name = driverName(fields, column);
        List<String> known = model != null ? model.drivers() : standard ? StandardModel.DRIVERS
                : incompleteFiles.contains(DRIVERS) || driverNameUnread ? null : List.copyOf(driverUnits.keySet());
        if (name != null && known != null && !known.contains(name)) {
            fields.error(column, "unknown driver \"" + name + "\"" + Names.didYouMean(name, known)
                    + " Expected one of " + String.join(", ", known));
            return null;
        }
        return name;
    }

    /**
     * The drivers the model uses when the model itself did not check: those of drivers.csv that
     * the formulas that were read name (a row that was not read may name more). Null without a
     * model file that could be read at all.
     */
    private List<String> modelDrivers() {
        if (standard) {
            return StandardModel.DRIVERS;
        }
        if (modelReader == null) {
            return null;
        }
        // A driver named like a schedule column is reported as such, not also as missing.
        Set<String> named = modelReader.names();
        return driverUnits.keySet().stream().filter(d -> named.contains(d) && !scheduleColumns.contains(d)).toList();
    }

    /** The model's line items, or null if they are not known (the model file could not be read whole). */
    private List<String> modelItems() {
        if (model != null) {
            return model.items().stream().map(Model.Item::name).toList();
        }
        return standard || modelReader == null ? null : modelReader.itemNames();
    }

    /**
     * The schedule columns whose cells must be numbers: the ones the model uses. When the model
     * did not check, the columns its formulas name, so the amounts are checked in the same round.
     */
    private List<String> amountColumns(CsvTable table) {
        if (model != null) {
            return model.scheduleColumns();
        }
        if (standard) {
            return StandardModel.SCHEDULE_COLUMNS;
        }
        if (modelReader == null) {
            return List.of();
        }
        Set<String> named = modelReader.names();
        return table.header().stream().filter(c -> !SCHEDULE_KEYS.contains(c) && named.contains(c)).toList();
    }

    /**
     * The scenario's rows merged over its ancestors' (root first), or null with errors added.
     * Every check runs whose inputs are known, whatever else failed: a rejected row still
     * counts as present, so only a row whose key could not be read, or a file that could not
     * be read whole, keeps a check from running.
     */
    private Scenario resolve(ScenarioRow row) {
        List<ScenarioRow> lineage = lineage(row);
        if (lineage == null) {
            return null;
        }
        Map<String, DriverRow> drivers = new LinkedHashMap<>();
        Map<String, EventRow> events = new LinkedHashMap<>();
        TreeMap<Integer, ScheduleRow> schedule = new TreeMap<>();
        Map<List<String>, CorrelationRow> correlations = new LinkedHashMap<>();
        boolean driversKnown = !incompleteFiles.contains(DRIVERS);
        boolean eventsKnown = !incompleteFiles.contains(EVENTS);
        boolean scheduleKnown = !incompleteFiles.contains(SCHEDULE);
        boolean correlationsKnown = !incompleteFiles.contains(CORRELATIONS);
        for (ScenarioRow at : lineage) {
            OwnRows own = ownRows.get(at.name());
            drivers.putAll(own.drivers);
            events.putAll(own.events);
            schedule.putAll(own.schedule);
            correlations.putAll(own.correlations);
            driversKnown &= !own.driverUnread;
            eventsKnown &= !own.eventUnread;
            scheduleKnown &= !own.quarterUnread;
            correlationsKnown &= !own.pairUnread;
        }
        boolean complete = model != null && eventsKnown
                && drivers.values().stream().allMatch(d -> d.distribution() != null)
                && events.values().stream().allMatch(e -> e.event() != null)
                && schedule.values().stream().allMatch(q -> q.amounts() != null);
        // With a model that did not check, the drivers its formulas name are still needed.
        List<String> needed = model != null ? model.drivers() : modelDrivers();
        if (driversKnown && needed != null) {
            for (String driver : needed) {
                if (!drivers.containsKey(driver)) {
                    errors.add(new InputError(display(SCENARIOS), row.line(), "scenario", "scenario " + row.name()
                            + " has no " + driver + ": add a row for it to " + DRIVERS
                            + " (for this scenario or an ancestor)"));
                    complete = false;
                }
            }
        }
        complete &= driversKnown && scheduleKnown;
        int horizon = scheduleKnown ? horizon(row, schedule) : 0;
        complete &= horizon > 0;
        // Past the last scheduled quarter is outside the horizon even when the quarters have a gap.
        int lastScheduled = scheduleKnown && !schedule.isEmpty() ? schedule.lastKey() : 0;
        for (EventRow event : events.values()) {
            if (lastScheduled > 0 && event.lastQuarter() > lastScheduled) {
                blameOnce(new InputError(display(EVENTS), event.line(), "last_quarter", "event " + event.name()
                        + " ends in quarter " + event.lastQuarter() + ", but scenario " + row.name()
                        + (horizon > 0 ? " has " + horizon + " quarters in " + SCHEDULE
                                : "'s schedule ends at quarter " + lastScheduled)));
                complete = false;
            }
        }
        Copula copula = copula(row, drivers, correlations, correlationsKnown);
        // With errors anywhere, a scenario is not built: checks skipped for them may be what it needs.
        if (!complete || copula == null || !errors.isEmpty()) {
            return null;
        }
        Map<String, Distribution> distributions = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String driver : model.drivers()) {
            distributions.put(driver, drivers.get(driver).distribution());
            sources.put(driver, drivers.get(driver).source());
        }
        List<Event> eventList = new ArrayList<>();
        events.values().forEach(e -> eventList.add(e.event()));
        List<Correlation> correlationList = new ArrayList<>();
        correlations.values().forEach(c -> correlationList.add(c.correlation()));
        return new Scenario(row.name(), row.description(), distributions, sources, eventList,
                schedule(schedule, horizon), correlationList, copula, model, lines(drivers, schedule, events));
    }

    /** Where the rows a scenario resolved to were read: a value that goes wrong in a run is traced to them. */
    private SourceLines lines(Map<String, DriverRow> drivers, Map<Integer, ScheduleRow> schedule,
            Map<String, EventRow> events) {
        Map<String, Integer> driverLines = new HashMap<>();
        drivers.forEach((driver, row) -> driverLines.put(driver, row.line()));
        Map<String, Integer> eventLines = new HashMap<>();
        events.forEach((event, row) -> eventLines.put(event, row.line()));
        return new SourceLines(display(DRIVERS), driverLines, display(SCHEDULE),
                schedule.values().stream().map(ScheduleRow::line).toList(), display(EVENTS), eventLines);
    }

    /**
     * The Gaussian copula of a scenario's correlations, or null: with errors added when each
     * pair's drivers are not random or the normals' matrix is not positive definite (unless the
     * user asked for it to be repaired); without, when a row or a driver it needs was rejected
     * (that row's error explains it). Each check runs on the pairs it can.
     */
    private Copula copula(ScenarioRow scenario, Map<String, DriverRow> drivers,
            Map<List<String>, CorrelationRow> correlations, boolean correlationsKnown) {
        if (correlations.isEmpty()) {
            return correlationsKnown ? Copula.INDEPENDENT : null;
        }
        boolean usable = correlationsKnown;
        for (CorrelationRow row : correlations.values()) {
            usable &= row.correlation() != null;
            for (String driver : List.of(row.a(), row.b())) {
                DriverRow driverRow = drivers.get(driver);
                if (driverRow == null || driverRow.distribution() == null) {
                    usable = false;
                } else if (driverRow.distribution().kind() == DistributionKind.CONSTANT) {
                    blameOnce(new InputError(display(CORRELATIONS), row.line(), driver.equals(row.a())
                            ? "driver_a" : "driver_b", driver + " is constant in scenario " + scenario.name()
                            + " (" + DRIVERS + " line " + driverRow.line() + "); only random drivers can be "
                            + "correlated"));
                    usable = false;
                }
            }
        }
        if (!usable) {
            return null;
        }
        // In the model's driver order: the order their normals are drawn in (without a model, any order checks).
        List<String> driverOrder = model != null ? model.drivers() : new ArrayList<>(drivers.keySet());
        TreeSet<String> involved = new TreeSet<>(Comparator.comparingInt(driverOrder::indexOf));
        for (CorrelationRow row : correlations.values()) {
            involved.add(row.a());
            involved.add(row.b());
        }
        List<String> order = new ArrayList<>(involved);
        double[][] matrix = new double[order.size()][order.size()];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i][i] = 1.0;
        }
        for (CorrelationRow row : correlations.values()) {
            int i = order.indexOf(row.correlation().a());
            int j = order.indexOf(row.correlation().b());
            matrix[i][j] = CorrelationMatrix.gaussianFromSpearman(row.correlation().rho());
            matrix[j][i] = matrix[i][j];
        }
        CorrelationMatrix normals = CorrelationMatrix.of(matrix);
        if (normals.smallestEigenvalue() >= MIN_EIGENVALUE) {
            return new Copula(order, normals, null);
        }
        if (repairCorrelations) {
            CorrelationMatrix.Repair repair = normals.nearestPositiveDefinite(MIN_EIGENVALUE);
            return new Copula(order, repair.matrix(), repair);
        }
        StringBuilder pairs = new StringBuilder();
        int firstLine = Integer.MAX_VALUE;
        for (CorrelationRow row : correlations.values()) {
            pairs.append(pairs.length() == 0 ? "" : ", ").append(row.correlation().a()).append(" ~ ")
                    .append(row.correlation().b()).append(" = ").append(row.correlation().rho())
                    .append(" (line ").append(row.line()).append(')');
            firstLine = Math.min(firstLine, row.line());
        }
        blameOnce(new InputError(display(CORRELATIONS), firstLine, "rho", "the correlations of scenario "
                + scenario.name() + " cannot hold together: their matrix is not positive definite (smallest "
                + "eigenvalue " + String.format(Locale.ROOT, "%.4g", normals.smallestEigenvalue()) + ", needs at least "
                + MIN_EIGENVALUE + "). Pairs: "
                + pairs + ". Loosen the strongest ones, or run with --repair-correlations to use the nearest valid "
                + "matrix"));
        return null;
    }

    /**
     * The scenario's ancestors, root first, ending with itself; null if the chain reaches an
     * unknown parent (already reported) or a loop. A loop is reported by each scenario on it,
     * not by the scenarios that merely descend from it.
     */
    private List<ScenarioRow> lineage(ScenarioRow row) {
        List<ScenarioRow> path = new ArrayList<>();
        for (ScenarioRow at = row; at != null; at = at.parent().isEmpty() ? null : scenarioRows.get(at.parent())) {
            if (path.contains(at)) {
                if (at == row) {
                    StringBuilder loop = new StringBuilder();
                    path.forEach(step -> loop.append(step.name()).append(" -> "));
                    errors.add(new InputError(display(SCENARIOS), row.line(), "parent", "scenario " + row.name()
                            + " inherits from itself through " + loop + row.name()
                            + "; the chain of parents must end at a root with an empty parent"));
                }
                return null;
            }
            path.add(at);
            if (!at.parent().isEmpty() && !scenarioRows.containsKey(at.parent())) {
                return null;
            }
        }
        Collections.reverse(path);
        return path;
    }

    private void blameOnce(InputError error) {
        if (blamedRows.add(error.file() + ":" + error.line() + ":" + error.column())) {
            errors.add(error);
        }
    }

    /** The number of quarters when they run 1..H without gaps; 0 (with an error) otherwise. */
    private int horizon(ScenarioRow scenario, Map<Integer, ScheduleRow> schedule) {
        if (schedule.isEmpty()) {
            errors.add(new InputError(display(SCENARIOS), scenario.line(), "scenario", "scenario " + scenario.name()
                    + " has no rows in " + SCHEDULE + " (for itself or an ancestor)"));
            return 0;
        }
        int expected = 1;
        for (Map.Entry<Integer, ScheduleRow> entry : schedule.entrySet()) {
            if (entry.getKey() != expected) {
                String where = expected == 1 ? "starts at quarter " + entry.getKey()
                        : "jumps from quarter " + (expected - 1) + " to " + entry.getKey();
                blameOnce(new InputError(display(SCHEDULE), entry.getValue().line(), "quarter", "scenario "
                        + scenario.name() + "'s schedule " + where + "; quarters must run 1..H without gaps (add "
                        + "quarter " + expected + ")"));
                return 0;
            }
            expected++;
        }
        return schedule.size();
    }

    private Schedule schedule(Map<Integer, ScheduleRow> rows, int horizon) {
        List<String> labels = new ArrayList<>();
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String column : model.scheduleColumns()) {
            columns.put(column, new double[horizon]);
        }
        for (ScheduleRow row : rows.values()) {
            int q = labels.size();
            columns.forEach((column, amounts) -> amounts[q] = row.amounts().get(column));
            labels.add(row.label());
        }
        return new Schedule(labels, columns);
    }
}
