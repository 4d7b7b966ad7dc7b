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
import dev.runway.model.Model;
import dev.runway.model.Scenario;
import dev.runway.model.Schedule;
import dev.runway.model.StandardModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    /** A driver is named in formulas, so its name follows their rules. */
    private static final Pattern DRIVER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final int MAX_QUARTER = 10_000;
    /** A scenario's name is its folder's name under --out: well below the 255 bytes file systems allow. */
    static final int MAX_SCENARIO_NAME = 100;
    /** The smallest eigenvalue a repaired copula matrix keeps, so its Cholesky factor is well conditioned. */
    private static final double MIN_EIGENVALUE = 1e-6;

    private record ScenarioRow(String name, String parent, String description, int line) { }

    private record DriverRow(String driver, Distribution distribution, String source, int line) { }

    private record EventRow(Event event, int line) { }

    private record ScheduleRow(String label, Map<String, Double> amounts, int line) { }

    private record CorrelationRow(Correlation correlation, int line) { }

    /** The rows of one scenario, keyed as inheritance overrides them. */
    private static final class OwnRows {
        final Map<String, DriverRow> drivers = new LinkedHashMap<>();
        final Map<String, EventRow> events = new LinkedHashMap<>();
        final Map<Integer, ScheduleRow> schedule = new TreeMap<>();
        /** Keyed by the pair in name order, so (a, b) and (b, a) are one pair. */
        final Map<List<String>, CorrelationRow> correlations = new LinkedHashMap<>();
    }

    private final Path folder;
    private final boolean repairCorrelations;
    private final List<InputError> errors = new ArrayList<>();
    private final Map<String, String> hashes = new TreeMap<>();
    private final Map<String, ScenarioRow> scenarioRows = new LinkedHashMap<>();
    private final Map<String, OwnRows> ownRows = new HashMap<>();
    /** Names of scenario rows that were rejected: rows naming them are not also told the scenario is unknown. */
    private final Set<String> rejectedScenarios = new HashSet<>();
    /** Scenarios with a rejected driver or schedule row: a missing row there is already explained. */
    private final Set<String> driverRowsInError = new HashSet<>();
    private final Set<String> scheduleRowsInError = new HashSet<>();
    /** Files that could not be read whole: what seems missing from them is not reported again. */
    private final Set<String> incompleteFiles = new HashSet<>();
    /** Rows already blamed while resolving: a row inherited by several scenarios is reported once. */
    private final Set<String> blamedRows = new HashSet<>();
    /** Every driver named in drivers.csv, in file order, with its unit and its first line. */
    private final Map<String, String> driverUnits = new LinkedHashMap<>();
    private final Map<String, Integer> driverLines = new HashMap<>();
    /** Null until the model file is parsed; the standard model when the folder has none. */
    private ModelReader modelReader;
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
        for (ScenarioRow row : scenarioRows.values()) {
            Scenario scenario = resolve(row);
            if (scenario != null) {
                resolved.add(scenario);
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
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
        // A dangling link counts as a model file, so it is reported as missing rather than ignored.
        standard = !Files.exists(folder.resolve(MODEL), LinkOption.NOFOLLOW_LINKS);
        CsvTable table = standard ? standardModelTable() : table(MODEL, ModelReader.COLUMNS, true);
        if (table != null) {
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
        List<String> columns = new ArrayList<>();
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
        boolean complete = !incompleteFiles.contains(DRIVERS) && !incompleteFiles.contains(SCHEDULE)
                && driverRowsInError.isEmpty();
        model = modelReader.check(declared, driverLines, display(DRIVERS), columns, complete);
    }

    /** The items the injections, or else the shocks, of every scenario move. */
    private List<String> eventTargets(boolean injections) {
        List<String> targets = new ArrayList<>();
        for (OwnRows rows : ownRows.values()) {
            rows.events.values().stream().filter(e -> (e.event().kind() == EventKind.INJECTION) == injections)
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
            incompleteFiles.add(name);
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
        try {
            hashes.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        CsvTable table = CsvTable.parse(display(name), bytes, columns, errors);
        if (table == null || !table.complete()) {
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
        for (ScenarioRow row : scenarioRows.values()) {
            if (!row.parent().isEmpty() && !scenarioRows.containsKey(row.parent())
                    && !rejectedScenarios.contains(row.parent())) {
                errors.add(new InputError(display(SCENARIOS), row.line(), "parent", "unknown parent scenario \"" + row.parent()
                        + "\"; expected one of " + String.join(", ", scenarioRows.keySet()) + " or empty for a root"));
            }
        }
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
            }
            if (rows == null || !fields.valid()) {
                driverRowsInError.add(fields.text("scenario"));
                continue;
            }
            DriverRow previous = rows.drivers.putIfAbsent(driver,
                    new DriverRow(driver, distribution, table.cell(row, "source"), row.line()));
            if (previous != null) {
                fields.error("driver", "driver " + driver + " is already set for this scenario on line "
                        + previous.line());
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
            if (triggered && kind != null && kind != EventKind.INJECTION) {
                fields.error("trigger_below", "only injections can be triggered; leave trigger_below empty for a "
                        + kind.csvName());
            }
            String target = table.cell(row, "target");
            if (target.isEmpty() && kind != null) {
                target = kind.defaultTarget();
            }
            if (model != null && kind != null) {
                targetProblem(fields, target, kind);
            }
            if (rows == null || !fields.valid()) {
                continue;
            }
            Event event = new Event(name, kind, probability, amount, first, last, triggered, trigger, target,
                    table.cell(row, "source"));
            EventRow previous = rows.events.putIfAbsent(name, new EventRow(event, row.line()));
            if (previous != null) {
                fields.error("event", "event " + name + " is already defined for this scenario on line "
                        + previous.line());
            }
        }
    }

    /** The item an event moves must be a line item of the model (a random series is drawn, not moved). */
    private void targetProblem(RowFields fields, String target, EventKind kind) {
        if (model.item(target) != null) {
            return;
        }
        List<String> items = model.items().stream().map(Model.Item::name).toList();
        String column = fields.text("target").isEmpty() ? "kind" : "target";
        fields.error(column, (column.equals("kind") ? "a " + kind.csvName() + " moves " + target + " unless the "
                + "target column names another item, but " : "") + "\"" + target + "\" is not a line item of "
                + model.file() + Names.didYouMean(target, items) + (column.equals("kind") ? " Add a target column."
                : "") + " The items: " + String.join(", ", items.subList(0, Math.min(items.size(), 20)))
                + (items.size() > 20 ? " and " + (items.size() - 20) + " more" : ""));
    }

    private void readSchedule(CsvTable table) {
        List<String> amountColumns = model != null ? model.scheduleColumns()
                : standard ? StandardModel.SCHEDULE_COLUMNS : List.of();
        for (CsvTable.Row row : table.rows()) {
            RowFields fields = new RowFields(table, row, errors);
            OwnRows rows = scenarioOf(fields);
            int quarter = fields.integer("quarter", 1, MAX_QUARTER);
            String label = fields.required("label", "a label such as FY2025Q1");
            Map<String, Double> amounts = new LinkedHashMap<>();
            for (String column : amountColumns) {
                amounts.put(column, fields.number(column));
            }
            if (rows == null || !fields.valid()) {
                scheduleRowsInError.add(fields.text("scenario"));
                continue;
            }
            ScheduleRow previous = rows.schedule.putIfAbsent(quarter, new ScheduleRow(label, amounts, row.line()));
            if (previous != null) {
                fields.error("quarter", "quarter " + quarter + " is already scheduled for this scenario on line "
                        + previous.line());
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
            if (rows == null || !fields.valid()) {
                continue;
            }
            List<String> pair = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
            CorrelationRow previous = rows.correlations.putIfAbsent(pair,
                    new CorrelationRow(new Correlation(a, b, rho, table.cell(row, "source")), row.line()));
            if (previous != null) {
                boolean mirrored = !previous.correlation().a().equals(a);
                fields.error("rho", mirrored && previous.correlation().rho() != rho
                        ? "the matrix is not symmetric: line " + previous.line() + " sets " + b + " ~ "
                                + a + " to " + previous.correlation().rho() + ", this row sets "
                                + a + " ~ " + b + " to " + rho + "; give each pair once"
                        : "the pair " + a + " ~ " + b + " is already set for this scenario on line "
                                + previous.line());
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

    /** A driver of a correlation: one the model uses. */
    private String correlatedDriver(RowFields fields, String column) {
        String name = driverName(fields, column);
        if (name != null && model != null && !model.drivers().contains(name)) {
            fields.error(column, "unknown driver \"" + name + "\"" + Names.didYouMean(name, model.drivers())
                    + " Expected one of " + String.join(", ", model.drivers()));
            return null;
        }
        return name;
    }

    /** The scenario's rows merged over its ancestors' (root first), or null with errors added. */
    private Scenario resolve(ScenarioRow row) {
        List<ScenarioRow> lineage = lineage(row);
        if (lineage == null) {
            return null;
        }
        Map<String, DriverRow> drivers = new LinkedHashMap<>();
        Map<String, EventRow> events = new LinkedHashMap<>();
        Map<Integer, ScheduleRow> schedule = new TreeMap<>();
        Map<List<String>, CorrelationRow> correlations = new LinkedHashMap<>();
        for (ScenarioRow at : lineage) {
            OwnRows own = ownRows.get(at.name());
            drivers.putAll(own.drivers);
            events.putAll(own.events);
            schedule.putAll(own.schedule);
            correlations.putAll(own.correlations);
        }
        // Where rows were rejected, what looks missing is already explained by those errors.
        boolean driversKnown = !incompleteFiles.contains(DRIVERS)
                && lineage.stream().noneMatch(at -> driverRowsInError.contains(at.name()));
        boolean scheduleKnown = !incompleteFiles.contains(SCHEDULE)
                && lineage.stream().noneMatch(at -> scheduleRowsInError.contains(at.name()));
        // Without a checked model the drivers it needs are unknown; the schedule and events are still checked.
        boolean complete = driversKnown && model != null;
        for (String driver : complete ? model.drivers() : List.<String>of()) {
            if (!drivers.containsKey(driver)) {
                errors.add(new InputError(display(SCENARIOS), row.line(), "scenario", "scenario " + row.name()
                        + " has no " + driver + ": add a row for it to " + DRIVERS
                        + " (for this scenario or an ancestor)"));
                complete = false;
            }
        }
        int horizon = scheduleKnown ? horizon(row, schedule) : 0;
        complete &= horizon > 0;
        for (EventRow event : events.values()) {
            if (horizon > 0 && event.event().lastQuarter() > horizon) {
                blameOnce(new InputError(display(EVENTS), event.line(), "last_quarter", "event " + event.event().name()
                        + " ends in quarter " + event.event().lastQuarter() + ", but scenario " + row.name()
                        + " has " + horizon + " quarters in " + SCHEDULE));
                complete = false;
            }
        }
        if (!complete) {
            return null;
        }
        Copula copula = copula(row, drivers, correlations);
        if (copula == null) {
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
                schedule(schedule, horizon), correlationList, copula, model);
    }

    /**
     * The Gaussian copula of a scenario's correlations, or null with errors added: each pair's
     * drivers must be random, and the normals' matrix must be positive definite (or be repaired
     * when the user asked for it).
     */
    private Copula copula(ScenarioRow scenario, Map<String, DriverRow> drivers,
            Map<List<String>, CorrelationRow> correlations) {
        if (correlations.isEmpty()) {
            return Copula.INDEPENDENT;
        }
        boolean usable = true;
        // In the model's driver order: the order their normals are drawn in.
        TreeSet<String> involved = new TreeSet<>(Comparator.comparingInt(model.drivers()::indexOf));
        for (CorrelationRow row : correlations.values()) {
            for (String driver : List.of(row.correlation().a(), row.correlation().b())) {
                involved.add(driver);
                if (drivers.get(driver).distribution().kind() == DistributionKind.CONSTANT) {
                    blameOnce(new InputError(display(CORRELATIONS), row.line(), driver.equals(row.correlation().a())
                            ? "driver_a" : "driver_b", driver + " is constant in scenario " + scenario.name()
                            + " (" + DRIVERS + " line " + drivers.get(driver).line() + "); only random drivers can be "
                            + "correlated"));
                    usable = false;
                }
            }
        }
        if (!usable) {
            return null;
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
