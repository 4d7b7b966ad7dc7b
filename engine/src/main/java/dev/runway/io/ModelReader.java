package dev.runway.io;

import dev.runway.lang.Expr;
import dev.runway.lang.FormulaException;
import dev.runway.lang.Names;
import dev.runway.lang.Parser;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.InputError;
import dev.runway.model.InputLimits;
import dev.runway.model.Model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a model file ({@code model.csv}, or the built-in standard model) and checks it against the
 * drivers and schedule columns of its input folder. Every formula is parsed into a tree; then
 * every name is resolved, every call's arguments counted, {@code prev} checked against the items
 * that have a state, money units compared, and the items ordered so each comes after the items it
 * uses (a cycle is an error that names the loop). Every problem is collected with its line, its
 * character position and a caret under the spot.
 */
final class ModelReader {
    static final String FILE = "model.csv";
    static final List<String> COLUMNS = List.of("item", "formula");
    /** More items are refused: the walk is compiled as one class, and compiling it grows with the model. */
    static final int MAX_ITEMS = 500;
    static final String BREACH = "breach";
    static final String REPORT = "report";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** A currency and a scale, such as "JPY bn" or "USD m": the units whose mixing is an error. */
    private static final Pattern MONEY = Pattern.compile("[A-Z]{3}( [A-Za-z]+)?");

    private enum Kind { ITEM, SERIES }

    /** One row of the model file, parsed. */
    private record Row(Kind kind, String name, String formulaText, Expr formula, String initialText, Expr initial,
            String unit, String source, CsvTable.Row raw, Distribution distribution) { }

    private final CsvTable table;
    private final List<InputError> errors;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private CsvTable.Row breachRow;
    private Expr breach;
    private String breachText = "";
    private CsvTable.Row reportRow;
    private boolean parsed = true;
    /** Items whose row was rejected: a formula naming one is not also told the name is unknown. */
    private final Set<String> broken = new HashSet<>();
    /** A row whose item name could not be read: a name that seems unknown may be that item. */
    private boolean nameUnread;
    private boolean tooManyRows;

    private ModelReader(CsvTable table, List<InputError> errors) {
        this.table = table;
        this.errors = errors;
    }

    /** Parses every row of the model file; {@link #check} then resolves the names. */
    static ModelReader parse(CsvTable table, List<InputError> errors) {
        ModelReader reader = new ModelReader(table, errors);
        reader.parseRows();
        return reader;
    }

    private void parseRows() {
        if (table.rows().size() > MAX_ITEMS + 2) {
            errors.add(new InputError(table.file(), 0, "", "the model has " + table.rows().size() + " rows; at most "
                    + MAX_ITEMS + " line items (plus the breach and report rows) are supported, because the kernel is "
                    + "compiled in-process as one class. Merge items, or move detail that needs no formula into the "
                    + "schedule"));
            parsed = false;
            tooManyRows = true;
            return;
        }
        for (CsvTable.Row raw : table.rows()) {
            RowFields fields = new RowFields(table, raw, errors);
            String name = fields.required("item", "the name of a line item");
            String formulaText = fields.required("formula", "a formula");
            if (name.isEmpty() || formulaText.isEmpty()) {
                reject(name);
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                fields.error("item", "expected a name of letters, digits and '_' that starts with a letter, found \""
                        + name + "\"");
                reject("");
                continue;
            }
            if (name.equals(BREACH) || name.equals(REPORT)) {
                special(raw, name, formulaText);
                continue;
            }
            String reserved = reservedProblem(name);
            if (reserved != null) {
                fields.error("item", reserved);
                reject(name);
                continue;
            }
            if (rows.containsKey(name)) {
                fields.error("item", "the item " + name + " is already defined on line " + rows.get(name).raw().line());
                parsed = false;
                continue;
            }
            Expr formula = formula(raw, "formula", formulaText);
            String initialText = table.cell(raw, "initial");
            Expr initial = initialText.isEmpty() ? null : formula(raw, "initial", initialText);
            if (formula == null || (!initialText.isEmpty() && initial == null)) {
                reject(name);
                continue;
            }
            Distribution distribution = null;
            if (formula instanceof Expr.Call call && DistributionKind.fromCsv(call.name()) != null) {
                distribution = series(raw, formulaText, call);
                if (distribution == null) {
                    reject(name);
                    continue;
                }
                if (initial != null) {
                    fields.error("initial", "a random series is drawn afresh each quarter and has no state; leave "
                            + "initial empty");
                    reject(name);
                    continue;
                }
            }
            rows.put(name, new Row(distribution == null ? Kind.ITEM : Kind.SERIES, name, formulaText, formula,
                    initialText, initial, table.cell(raw, "unit"), table.cell(raw, "source"), raw, distribution));
        }
        for (CsvTable.Row raw : table.lostRows()) {
            // A line that could not be read as a row (already reported) may still name its item, or breach or report.
            String name = table.cell(raw, "item");
            reject(NAME.matcher(name).matches() && !rows.containsKey(name) ? name : "");
        }
    }

    /** A row of the model that could not be read: the model is incomplete, and its item is known to be broken. */
    private void reject(String name) {
        parsed = false;
        if (name.isEmpty()) {
            nameUnread = true;
        } else {
            broken.add(name);
        }
    }

    private static String reservedProblem(String name) {
        if (Names.FUNCTIONS.contains(name)) {
            return "\"" + name + "\" is a function of the model language; name the item otherwise";
        }
        if (DistributionKind.fromCsv(name) != null) {
            return "\"" + name + "\" is the name of a distribution; name the item otherwise";
        }
        if (name.equals(Model.QUARTER)) {
            return "\"quarter\" is the quarter index (1 in the first quarter); name the item otherwise";
        }
        return null;
    }

    /** The breach rule, or the list of reported items. */
    private void special(CsvTable.Row raw, String name, String formulaText) {
        RowFields fields = new RowFields(table, raw, errors);
        CsvTable.Row previous = name.equals(BREACH) ? breachRow : reportRow;
        if (previous != null) {
            fields.error("item", "the " + name + " row is already given on line " + previous.line() + "; keep one");
            parsed = false;
            return;
        }
        if (!table.cell(raw, "initial").isEmpty()) {
            fields.error("initial", "the " + name + " row has no initial value; leave it empty");
        }
        if (name.equals(BREACH)) {
            breachRow = raw;
            breachText = formulaText;
            breach = formula(raw, "formula", formulaText);
            parsed &= breach != null;
        } else {
            reportRow = raw;
        }
    }

    /** A formula parsed, its numbers within {@link InputLimits#MAX_MAGNITUDE}; null after reporting why not. */
    private Expr formula(CsvTable.Row raw, String column, String text) {
        Expr formula;
        try {
            formula = Parser.parse(text);
        } catch (FormulaException e) {
            error(raw, column, text, e.at(), e.getMessage());
            return null;
        }
        boolean within = true;
        for (Expr.Num num : numbers(formula)) {
            if (!InputLimits.withinMagnitude(num.value())) {
                error(raw, column, text, num.at(), "the number " + InputLimits.format(num.value()) + " must lie "
                        + InputLimits.MAGNITUDE_RULE);
                within = false;
            }
        }
        return within ? formula : null;
    }

    /** The numbers written in a formula, in the order they are written. */
    private static List<Expr.Num> numbers(Expr expr) {
        List<Expr.Num> numbers = new ArrayList<>();
        expr.forEachNode(node -> {
            if (node instanceof Expr.Num num) {
                numbers.add(num);
            }
        });
        return numbers;
    }

    /** The distribution of a random series such as {@code normal(0, 1)}: its parameters must be numbers. */
    private Distribution series(CsvTable.Row raw, String text, Expr.Call call) {
        DistributionKind kind = DistributionKind.fromCsv(call.name());
        double[] parameters = new double[call.args().size()];
        for (int i = 0; i < parameters.length; i++) {
            Expr arg = call.args().get(i);
            if (!(arg instanceof Expr.Num num)) {
                error(raw, "formula", text, arg.at(), "the parameters of a random series are numbers; to scale or shift "
                        + "it by a driver, write that in the item that uses it (e.g. z,normal(0,1) then "
                        + "noise,volatility * z)");
                return null;
            }
            parameters[i] = num.value();
        }
        List<Distribution.Problem> problems = Distribution.problems(kind, parameters);
        if (problems.isEmpty()) {
            Distribution.Problem drawing = Distribution.of(kind, parameters).drawingProblem();
            problems = drawing == null ? List.of() : List.of(drawing);
        }
        if (!problems.isEmpty()) {
            Distribution.Problem problem = problems.get(0);
            int at = problem.parameter() >= 0 && problem.parameter() < call.args().size()
                    ? call.args().get(problem.parameter()).at() : call.at();
            error(raw, "formula", text, at, kind.signature() + ": " + problem.message());
            return null;
        }
        return Distribution.of(kind, parameters);
    }

    private void error(CsvTable.Row raw, String column, String text, int at, String message) {
        int inLine = raw.text().indexOf(text);
        int position = inLine < 0 ? 0 : inLine + at + 1;
        String caret = " ".repeat(Math.max(0, Math.min(at, text.length()))) + "^";
        errors.add(new InputError(table.file(), raw.line(), column, message, position, text + "\n" + caret));
    }

    /**
     * The checked model, or null with every problem added.
     *
     * @param drivers         the drivers declared in drivers.csv, in file order, with their units
     * @param driverLines     the line in drivers.csv where each driver first appears
     * @param scheduleColumns the columns of schedule.csv beyond scenario, quarter and label
     * @param complete        false when a driver's name in drivers.csv could not be read, or the columns of
     *                        schedule.csv are unknown: then a name that seems unknown may be one of them, and
     *                        is not reported
     */
    Model check(Map<String, String> drivers, Map<String, Integer> driverLines, String driversFile,
            List<String> scheduleColumns, boolean complete) {
        if (tooManyRows) {
            return null;
        }
        // The rows that were read are checked even when others were not, so every problem comes in one round.
        int before = errors.size();
        for (Row row : rows.values()) {
            String clash = drivers.containsKey(row.name()) ? "a driver in drivers.csv"
                    : scheduleColumns.contains(row.name()) ? "a column of schedule.csv" : null;
            if (clash != null) {
                new RowFields(table, row.raw(), errors).error("item", row.name() + " is also " + clash
                        + "; a name must mean one thing");
            }
        }
        for (String driver : drivers.keySet()) {
            if (scheduleColumns.contains(driver)) {
                errors.add(new InputError(driversFile, driverLines.get(driver), "driver", "the driver " + driver
                        + " has the name of a column of schedule.csv, so a formula naming it would read the driver "
                        + "and silently not the column; rename the driver (a name must mean one thing)"));
            }
        }
        if (breachRow == null && !broken.contains(BREACH)) {
            errors.add(new InputError(table.file(), 0, "", "the model has no breach rule; add a row "
                    + "breach,<condition> such as breach,cash < min_liquidity"));
        }
        int beforeReport = errors.size();
        List<String> reported = reported(complete);
        boolean reportRead = reportRow != null && errors.size() == beforeReport;
        Check check = new Check(drivers, scheduleColumns, complete && !nameUnread);
        for (Row row : rows.values()) {
            if (row.kind() == Kind.ITEM) {
                check.item(row);
                if (row.initial() != null) {
                    check.numeric(row, "initial", row.initialText(), row.initial(), true);
                }
            }
        }
        if (breach != null) {
            check.condition(breachRow, breachText, breach);
        }
        // A cycle among the items that were read is a cycle whatever else is wrong.
        List<Model.Item> ordered = order(check.uses);
        // Used means named in a formula: known once every row is read, whatever else is wrong in the formulas.
        Set<String> named = names();
        if (parsed && reportRead) {
            for (Row row : rows.values()) {
                if (!named.contains(row.name()) && !reported.contains(row.name())) {
                    new RowFields(table, row.raw(), errors).error("item", row.name() + " is computed but never used: "
                            + "report it (add it to the report row), use it in another formula, or remove it");
                }
            }
        }
        List<String> driverOrder = new ArrayList<>();
        for (String driver : drivers.keySet()) {
            if (named.contains(driver)) {
                driverOrder.add(driver);
            } else if (parsed) {
                errors.add(new InputError(driversFile, driverLines.get(driver), "driver", "the driver " + driver
                        + " is not used by any formula of " + table.file() + "; use it or remove its rows"));
            }
        }
        if (ordered == null || !parsed || errors.size() > before) {
            return null;
        }
        List<Model.Series> series = new ArrayList<>();
        for (Row row : rows.values()) {
            if (row.kind() == Kind.SERIES) {
                series.add(new Model.Series(row.name(), row.distribution(), row.unit(), row.source(), row.raw().line()));
            }
        }
        List<String> columns = scheduleColumns.stream().filter(named::contains).toList();
        Map<String, String> units = new HashMap<>();
        driverOrder.forEach(driver -> units.put(driver, drivers.get(driver)));
        return new Model(table.file(), ordered, series, breach, breachText, reported, driverOrder, columns, List.of(),
                List.of(), units);
    }

    /** The names of the report row, checked; the first is the primary item. */
    private List<String> reported(boolean complete) {
        if (reportRow == null) {
            if (broken.contains(REPORT)) {
                return List.of();
            }
            errors.add(new InputError(table.file(), 0, "", "the model reports nothing; add a row report,<items> "
                    + "such as report,\"cash, revenue\" (the first is the item of the summary and the charts)"));
            return List.of();
        }
        String text = table.cell(reportRow, "formula");
        List<String> names = new ArrayList<>();
        int at = 0;
        for (String part : text.split(",", -1)) {
            String name = part.trim();
            int start = at + part.indexOf(name.isEmpty() ? part : name);
            at += part.length() + 1;
            Row row = rows.get(name);
            if (row != null && row.kind() == Kind.ITEM && !names.contains(name)) {
                names.add(name);
            } else if (row != null && row.kind() == Kind.SERIES) {
                error(reportRow, "formula", text, start, name + " is a random series; report an item that uses it");
            } else if (names.contains(name)) {
                error(reportRow, "formula", text, start, name + " is reported twice");
            } else if (!broken.contains(name)) {
                error(reportRow, "formula", text, start, (name.isEmpty() ? "expected the name of an item"
                        : "the reported item \"" + name + "\" is not a line item of the model")
                        + Names.didYouMean(name, items()));
            }
        }
        return names;
    }

    private List<String> items() {
        return rows.values().stream().filter(r -> r.kind() == Kind.ITEM).map(Row::name).toList();
    }

    /**
     * The names of the model file's items, for checks that need them when the model as a whole
     * did not check: the line items, and the items of rows in error (whose kind is unknown). Null
     * if a row's name could not be read, since any name may be that row's.
     */
    List<String> itemNames() {
        if (nameUnread) {
            return null;
        }
        List<String> names = new ArrayList<>(items());
        broken.stream().filter(name -> !name.equals(BREACH) && !name.equals(REPORT)).sorted().forEach(names::add);
        return names;
    }

    /**
     * Every name the formulas that were read mention, resolved or not: when the model did not
     * check, the drivers and schedule columns it is known to use.
     */
    Set<String> names() {
        Set<String> names = new HashSet<>();
        Consumer<Expr> collector = node -> {
            if (node instanceof Expr.Ref ref) {
                names.add(ref.name());
            }
        };
        for (Row row : rows.values()) {
            row.formula().forEachNode(collector);
            if (row.initial() != null) {
                row.initial().forEachNode(collector);
            }
        }
        if (breach != null) {
            breach.forEachNode(collector);
        }
        return names;
    }


    /**
     * The items in evaluation order: each after the items its formula uses (not through prev),
     * and otherwise in file order. Null, with the loop named, if the items form a cycle.
     */
    private List<Model.Item> order(Map<String, Set<String>> uses) {
        List<String> names = items();
        List<Model.Item> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (ordered.size() < names.size()) {
            String next = null;
            for (String name : names) {
                if (!done.contains(name) && done.containsAll(uses.getOrDefault(name, Set.of()))) {
                    next = name;
                    break;
                }
            }
            if (next == null) {
                reportCycle(names, done, uses);
                return null;
            }
            done.add(next);
            Row row = rows.get(next);
            ordered.add(new Model.Item(next, row.formula(), row.formulaText(), row.initial(), row.unit(),
                    row.source(), row.raw().line()));
        }
        return ordered;
    }

    private void reportCycle(List<String> names, Set<String> done, Map<String, Set<String>> uses) {
        // Walk from the first item left: every one left uses another one left, so the walk must come back.
        List<String> path = new ArrayList<>();
        String at = names.stream().filter(n -> !done.contains(n)).findFirst().orElseThrow();
        while (!path.contains(at)) {
            path.add(at);
            String current = at;
            at = uses.get(current).stream().filter(n -> !done.contains(n)).sorted().findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        loop.add(at);
        Row first = rows.get(loop.get(0));
        new RowFields(table, first.raw(), errors).error("formula", "the items form a cycle: "
                + String.join(" -> ", loop) + ". An item cannot depend on itself within a quarter; use prev(" + at
                + ") for last quarter's value (and give " + at + " an initial value)");
    }

    /** Resolves names and checks types and units of every formula, collecting what each item uses. */
    private final class Check {
        private final Map<String, String> drivers;
        private final List<String> scheduleColumns;
        private final boolean complete;
        final Map<String, Set<String>> uses = new HashMap<>();

        Check(Map<String, String> drivers, List<String> scheduleColumns, boolean complete) {
            this.drivers = drivers;
            this.scheduleColumns = scheduleColumns;
            this.complete = complete;
        }

        /** The kind of value an expression has, and its unit if known (null otherwise). */
        private record Value(boolean condition, String unit) {
            static final Value NUMBER = new Value(false, null);
            static final Value CONDITION = new Value(true, null);
        }

        /** The value of a formula that must be a number, or null after reporting why it is not. */
        Value numeric(Row row, String column, String text, Expr expr, boolean initial) {
            Value value = visit(new Context(row, column, text, initial), expr);
            if (value != null && value.condition()) {
                error(row.raw(), column, text, expr.at(), "this is a condition (true or false), not a number; "
                        + "write if(condition, value, otherwise) for a number");
                return null;
            }
            return value;
        }

        /** An item's formula, and its declared unit against the formula's where both are known. */
        void item(Row row) {
            Value value = numeric(row, "formula", row.formulaText(), row.formula(), false);
            if (value != null && clash(value.unit(), row.unit())) {
                error(row.raw(), "unit", row.unit(), 0, "the formula gives " + value.unit() + " but the item is "
                        + "declared in " + row.unit());
            }
        }

        void condition(CsvTable.Row raw, String text, Expr expr) {
            Row pseudo = new Row(Kind.ITEM, BREACH, text, expr, "", null, "", "", raw, null);
            Value value = visit(new Context(pseudo, "formula", text, false), expr);
            if (value != null && !value.condition()) {
                error(raw, "formula", text, expr.at(), "the breach rule must be a condition such as cash < "
                        + "min_liquidity, found a number");
            }
        }

        private record Context(Row row, String column, String text, boolean initial) {
        }

        private void problem(Context context, int at, String message) {
            error(context.row().raw(), context.column(), context.text(), at, message);
        }

        /** The value of an expression, or null after reporting why it has none. */
        private Value visit(Context c, Expr expr) {
            return expr.accept(new Expr.Visitor<Value>() {
                @Override
                public Value num(Expr.Num num) {
                    return Value.NUMBER;
                }

                @Override
                public Value ref(Expr.Ref ref) {
                    return reference(c, ref);
                }

                @Override
                public Value unary(Expr.Unary unary) {
                    return Check.this.unary(c, unary);
                }

                @Override
                public Value binary(Expr.Binary binary) {
                    return Check.this.binary(c, binary);
                }

                @Override
                public Value call(Expr.Call call) {
                    return Check.this.call(c, call);
                }
            });
        }

        private Value reference(Context c, Expr.Ref ref) {
            String name = ref.name();
            if (drivers.containsKey(name) && scheduleColumns.contains(name)) {
                return null; // reported once, at the driver
            }
            if (drivers.containsKey(name)) {
                return new Value(false, emptyToNull(drivers.get(name)));
            }
            if (c.initial()) {
                // A name known as something else, or any name once every driver is known, is not a driver.
                if (complete || rows.containsKey(name) || broken.contains(name) || scheduleColumns.contains(name)
                        || name.equals(Model.QUARTER)) {
                    problem(c, ref.at(), "an initial value can use drivers and numbers only, found " + describe(name));
                }
                return null;
            }
            if (name.equals(Model.QUARTER)) {
                return Value.NUMBER;
            }
            if (scheduleColumns.contains(name)) {
                return Value.NUMBER;
            }
            Row row = rows.get(name);
            if (row != null) {
                if (row.kind() == Kind.ITEM) {
                    uses.computeIfAbsent(c.row().name(), k -> new TreeSet<>()).add(name);
                }
                return new Value(false, emptyToNull(row.unit()));
            }
            if (complete && !broken.contains(name)) {
                problem(c, ref.at(), "unknown name \"" + name + "\"" + Names.didYouMean(name, known())
                        + " A name is a line item of the model, a driver of drivers.csv, a column of schedule.csv, "
                        + "or quarter");
            }
            return null;
        }

        private String describe(String name) {
            return scheduleColumns.contains(name) ? "the schedule column " + name
                    : rows.containsKey(name) ? "the line item " + name : name.equals(Model.QUARTER) ? "quarter"
                    : "\"" + name + "\"";
        }

        private List<String> known() {
            List<String> known = new ArrayList<>(rows.keySet());
            known.addAll(drivers.keySet());
            known.addAll(scheduleColumns);
            known.add(Model.QUARTER);
            return known;
        }

        private Value unary(Context c, Expr.Unary unary) {
            Value operand = visit(c, unary.operand());
            if (operand == null) {
                return null;
            }
            boolean wantCondition = unary.op() == Expr.Op.NOT;
            if (operand.condition() != wantCondition) {
                problem(c, unary.operand().at(), wantCondition ? "! takes a condition, found a number"
                        : "- takes a number, found a condition");
                return null;
            }
            return operand;
        }

        private Value binary(Context c, Expr.Binary binary) {
            Value left = visit(c, binary.left());
            Value right = visit(c, binary.right());
            if (left == null || right == null) {
                return null;
            }
            Expr.Op op = binary.op();
            boolean logicalOperands = op == Expr.Op.AND || op == Expr.Op.OR;
            if (left.condition() != logicalOperands || right.condition() != logicalOperands) {
                Expr bad = left.condition() != logicalOperands ? binary.left() : binary.right();
                problem(c, bad.at(), op.symbol() + " takes " + (logicalOperands ? "conditions" : "numbers")
                        + ", found " + (logicalOperands ? "a number" : "a condition"));
                return null;
            }
            return switch (op) {
                case ADD, SUB, LT, LE, GT, GE, EQ, NE -> {
                    if (clash(left.unit(), right.unit())) {
                        problem(c, binary.at(), (op.logical() ? "compares " : op == Expr.Op.ADD ? "adds " : "subtracts ")
                                + left.unit() + " and " + right.unit() + "; convert one of them first");
                        yield null;
                    }
                    yield op.logical() ? Value.CONDITION : new Value(false, left.unit() != null ? left.unit()
                            : right.unit());
                }
                case MUL, DIV -> Value.NUMBER;
                case AND, OR -> Value.CONDITION;
                case NOT, NEG -> throw new IllegalStateException("a unary operator in a binary node");
            };
        }

        private Value call(Context c, Expr.Call call) {
            String name = call.name();
            List<Expr> args = call.args();
            if (DistributionKind.fromCsv(name) != null) {
                problem(c, call.at(), name + "(...) draws a random series; give it a line of its own (e.g. z,"
                        + name + "(...)) and use its name here");
                return null;
            }
            switch (name) {
                case "prev":
                    return prev(c, call);
                case "lag":
                    return lag(c, call);
                case "if":
                    return conditional(c, call);
                case "min", "max":
                    if (args.size() < 2) {
                        problem(c, call.at(), name + " takes two or more arguments, found " + args.size());
                        return null;
                    }
                    return sameUnits(c, call, args);
                case "abs", "floor":
                    return arguments(c, call, 1) ? sameUnits(c, call, args) : null;
                case "exp", "log", "sqrt":
                    return arguments(c, call, 1) && numbers(c, args) ? Value.NUMBER : null;
                case "pow":
                    return arguments(c, call, 2) && numbers(c, args) ? Value.NUMBER : null;
                default:
                    problem(c, call.at(), "unknown function \"" + name + "\""
                            + Names.didYouMean(name, Names.FUNCTIONS) + " The functions are " + String.join(", ", Names.FUNCTIONS)
                            + ", and the distributions for random series");
                    return null;
            }
        }

        private boolean arguments(Context c, Expr.Call call, int count) {
            if (call.args().size() != count) {
                problem(c, call.at(), call.name() + " takes " + count + " argument" + (count == 1 ? "" : "s")
                        + ", found " + call.args().size());
                return false;
            }
            return true;
        }

        private boolean numbers(Context c, List<Expr> args) {
            boolean ok = true;
            for (Expr arg : args) {
                Value value = visit(c, arg);
                if (value != null && value.condition()) {
                    problem(c, arg.at(), "expected a number, found a condition");
                }
                ok &= value != null && !value.condition();
            }
            return ok;
        }

        private Value sameUnits(Context c, Expr.Call call, List<Expr> args) {
            String unit = null;
            for (Expr arg : args) {
                Value value = visit(c, arg);
                if (value == null) {
                    return null;
                }
                if (value.condition()) {
                    problem(c, arg.at(), "expected a number, found a condition");
                    return null;
                }
                if (clash(unit, value.unit())) {
                    problem(c, arg.at(), call.name() + " mixes " + unit + " and " + value.unit());
                    return null;
                }
                unit = unit != null ? unit : value.unit();
            }
            return new Value(false, unit);
        }

        private Value conditional(Context c, Expr.Call call) {
            if (!arguments(c, call, 3)) {
                return null;
            }
            Value condition = visit(c, call.args().get(0));
            if (condition != null && !condition.condition()) {
                problem(c, call.args().get(0).at(), "the first argument of if is a condition such as cash < 0, found "
                        + "a number");
                return null;
            }
            Value branches = sameUnits(c, call, call.args().subList(1, 3));
            return condition == null ? null : branches;
        }

        /** A call that reads across quarters (prev, lag): its arguments counted, and not in an initial value. */
        private boolean acrossQuarters(Context c, Expr.Call call, int count) {
            if (!arguments(c, call, count)) {
                return false;
            }
            if (c.initial()) {
                problem(c, call.at(), "an initial value can use drivers and numbers only, found " + call.name() + "(...)");
                return false;
            }
            return true;
        }

        private Value prev(Context c, Expr.Call call) {
            if (!acrossQuarters(c, call, 1)) {
                return null;
            }
            if (!(call.args().get(0) instanceof Expr.Ref ref)) {
                problem(c, call.args().get(0).at(), "prev takes the name of a line item, such as prev(cash)");
                return null;
            }
            Row row = rows.get(ref.name());
            if (row == null && broken.contains(ref.name())) {
                return null;
            }
            if (row == null || row.kind() != Kind.ITEM || row.initial() == null) {
                String why = row == null ? (drivers.containsKey(ref.name()) ? ref.name() + " is a driver, "
                        + "the same in every quarter" : scheduleColumns.contains(ref.name()) ? ref.name()
                        + " is a schedule column; use lag(" + ref.name() + ", 1)" : "\"" + ref.name()
                        + "\" is not a line item" + Names.didYouMean(ref.name(), items()))
                        : row.kind() == Kind.SERIES ? ref.name() + " is a random series, drawn afresh each quarter"
                        : ref.name() + " has no state: give it an initial value (the initial column) to carry it "
                                + "from quarter to quarter";
                problem(c, ref.at(), "prev(" + ref.name() + "): " + why);
                return null;
            }
            return new Value(false, emptyToNull(row.unit()));
        }

        private Value lag(Context c, Expr.Call call) {
            if (!acrossQuarters(c, call, 2)) {
                return null;
            }
            Expr first = call.args().get(0);
            if (!(first instanceof Expr.Ref ref) || !scheduleColumns.contains(ref.name())) {
                String name = first instanceof Expr.Ref ref ? ref.name() : "";
                problem(c, first.at(), "lag takes a schedule column and a number of quarters, such as "
                        + "lag(savings_target, savings_delay)" + (name.isEmpty() ? ""
                        : "; \"" + name + "\" is not a column of schedule.csv" + Names.didYouMean(name, scheduleColumns)));
                return null;
            }
            return numbers(c, List.of(call.args().get(1))) ? Value.NUMBER : null;
        }
    }

    private static String emptyToNull(String unit) {
        return unit == null || unit.isBlank() ? null : unit.trim();
    }

    /** Two declared units that cannot be added or compared: one is money and the other is something else. */
    static boolean clash(String a, String b) {
        a = emptyToNull(a);
        b = emptyToNull(b);
        if (a == null || b == null || a.equalsIgnoreCase(b)) {
            return false;
        }
        return MONEY.matcher(a).matches() || MONEY.matcher(b).matches();
    }
}
