package dev.runway.fit;

import dev.runway.lang.Expr;
import dev.runway.lang.FormulaException;
import dev.runway.lang.Names;
import dev.runway.lang.Parser;
import dev.runway.model.DistributionKind;
import dev.runway.model.FiscalQuarter;
import dev.runway.model.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/**
 * The series a fit is made to: one item of a history, or a formula of the model language over its
 * items ({@code free_cash_flow / revenue}, {@code log(revenue / lag(revenue, 4))}). The formula is
 * parsed by {@link Parser} and checked here, then evaluated quarter by quarter by walking its tree:
 * an item's name is its value in the quarter, {@code prev(item)} its value a quarter earlier and
 * {@code lag(item, k)} its value k quarters earlier; the functions and operators are the model
 * language's. The text is never run.
 */
public final class SeriesFormula {
    /** How many items a message lists before it says how many more there are. */
    private static final int LISTED_ITEMS = 12;

    private final String text;
    private final Expr expr;
    private final History history;
    private final TreeSet<String> items = new TreeSet<>();
    private int maxLag;

    private SeriesFormula(String text, Expr expr, History history) {
        this.text = text;
        this.expr = expr;
        this.history = history;
    }

    /**
     * The series {@code text} names in {@code history}.
     *
     * @throws FitException if the text does not parse, or names what the history does not have
     */
    public static SeriesFormula parse(String text, History history) throws FitException {
        Expr expr;
        try {
            expr = Parser.parse(text);
        } catch (FormulaException e) {
            throw new FitException(where(text, e.at()) + e.getMessage());
        }
        SeriesFormula formula = new SeriesFormula(text, expr, history);
        if (formula.check(expr)) {
            throw new FitException(where(text, expr.at()) + "this is a condition (true or false), not a number; a "
                    + "series is a number per quarter, such as free_cash_flow / revenue");
        }
        if (formula.items.isEmpty()) {
            throw new FitException(where(text, 0) + "the series names no item of " + history.file() + "; write an item, "
                    + "or a formula over items (" + formula.someItems() + ")");
        }
        return formula;
    }

    /** The series as the user wrote it. */
    public String text() {
        return text;
    }

    /** The items it uses, in alphabetical order. */
    public List<String> items() {
        return List.copyOf(items);
    }

    /** The unit of the series: the item's when it is one item (or a lag of one), else empty. */
    public String unit() {
        Expr plain = expr;
        if (plain instanceof Expr.Call call && (call.name().equals("prev") || call.name().equals("lag"))) {
            plain = call.args().get(0);
        }
        return plain instanceof Expr.Ref ref ? history.unit(ref.name()) : "";
    }

    /** The item named alone, or null when the series is a formula. */
    public String itemName() {
        return expr instanceof Expr.Ref ref ? ref.name() : null;
    }

    private static String where(String text, int at) {
        return "--series \"" + text + "\", at character " + (at + 1) + ": ";
    }

    private String someItems() {
        List<String> all = new ArrayList<>(history.items());
        String listed = String.join(", ", all.subList(0, Math.min(LISTED_ITEMS, all.size())));
        return "its items are " + listed + (all.size() > LISTED_ITEMS ? " and " + (all.size() - LISTED_ITEMS)
                + " more" : "");
    }

    /** True if {@code e} is a condition, false if a number; throws at the first problem. */
    private boolean check(Expr e) throws FitException {
        if (e instanceof Expr.Num) {
            return false;
        }
        if (e instanceof Expr.Ref ref) {
            item(ref);
            return false;
        }
        if (e instanceof Expr.Unary unary) {
            boolean wantCondition = unary.op() == Expr.Op.NOT;
            if (check(unary.operand()) != wantCondition) {
                throw problem(unary.operand(), wantCondition ? "! takes a condition, found a number"
                        : "- takes a number, found a condition");
            }
            return wantCondition;
        }
        if (e instanceof Expr.Binary binary) {
            boolean logical = binary.op() == Expr.Op.AND || binary.op() == Expr.Op.OR;
            for (Expr side : List.of(binary.left(), binary.right())) {
                if (check(side) != logical) {
                    throw problem(side, binary.op().symbol() + " takes " + (logical ? "conditions" : "numbers")
                            + ", found " + (logical ? "a number" : "a condition"));
                }
            }
            return binary.op().logical();
        }
        return call((Expr.Call) e);
    }

    private void item(Expr.Ref ref) throws FitException {
        if (history.series(ref.name()).isEmpty()) {
            throw problem(ref, "unknown item \"" + ref.name() + "\"" + Names.didYouMean(ref.name(), history.items())
                    + " The names in a series are items of " + history.file() + ": " + someItems());
        }
        items.add(ref.name());
    }

    private boolean call(Expr.Call call) throws FitException {
        String name = call.name();
        List<Expr> args = call.args();
        if (DistributionKind.fromCsv(name) != null) {
            throw problem(call, name + "(...) is a distribution; a series is computed from the history's items, and "
                    + "runway fit finds its distribution");
        }
        switch (name) {
            case "prev" -> {
                count(call, 1);
                lagged(call, args.get(0), 1);
                return false;
            }
            case "lag" -> {
                count(call, 2);
                if (!(args.get(1) instanceof Expr.Num k) || k.value() < 0 || k.value() != Math.rint(k.value())
                        || k.value() > 400) {
                    throw problem(args.get(1), "lag(item, k) over a history takes a whole number of quarters from 0 "
                            + "to 400 written as a number, such as lag(revenue, 4): the item 4 quarters earlier");
                }
                lagged(call, args.get(0), (int) k.value());
                return false;
            }
            case "if" -> {
                count(call, 3);
                if (!check(args.get(0))) {
                    throw problem(args.get(0), "the first argument of if is a condition such as revenue > 0, found "
                            + "a number");
                }
                numbers(args.subList(1, 3));
                return false;
            }
            case "min", "max" -> {
                if (args.size() < 2) {
                    throw problem(call, name + " takes two or more arguments, found " + args.size());
                }
                numbers(args);
                return false;
            }
            case "abs", "floor", "exp", "log", "sqrt" -> {
                count(call, 1);
                numbers(args);
                return false;
            }
            case "pow" -> {
                count(call, 2);
                numbers(args);
                return false;
            }
            default -> throw problem(call, "unknown function \"" + name + "\"" + Names.didYouMean(name, Names.FUNCTIONS)
                    + " The functions are " + String.join(", ", Names.FUNCTIONS));
        }
    }

    private void lagged(Expr.Call call, Expr arg, int quarters) throws FitException {
        if (!(arg instanceof Expr.Ref ref)) {
            throw problem(arg, call.name() + " takes the name of an item, such as " + call.name() + "(revenue"
                    + (call.name().equals("lag") ? ", 4" : "") + ")");
        }
        item(ref);
        maxLag = Math.max(maxLag, quarters);
    }

    private void count(Expr.Call call, int expected) throws FitException {
        if (call.args().size() != expected) {
            throw problem(call, call.name() + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
                    + ", found " + call.args().size());
        }
    }

    private void numbers(List<Expr> args) throws FitException {
        for (Expr arg : args) {
            if (check(arg)) {
                throw problem(arg, "expected a number, found a condition");
            }
        }
    }

    private FitException problem(Expr at, String message) {
        return new FitException(where(text, at.at()) + message);
    }

    /**
     * The series over the window {@code from..to}; a null end is the first (or last) quarter in
     * which every input of the formula is in the history.
     *
     * @throws FitException if an input is missing within the window (naming the quarter and the
     *         rows around the gap), if the series is not a finite number in some quarter, or if it
     *         cannot be computed in any quarter
     */
    public Series over(FiscalQuarter from, FiscalQuarter to) throws FitException {
        FiscalQuarter earliest = null;
        FiscalQuarter latest = null;
        for (String item : items) {
            NavigableMap<FiscalQuarter, History.Fact> series = history.series(item);
            earliest = earliest == null || series.firstKey().compareTo(earliest) < 0 ? series.firstKey() : earliest;
            latest = latest == null || series.lastKey().compareTo(latest) > 0 ? series.lastKey() : latest;
        }
        latest = latest.plus(maxLag);
        FiscalQuarter start = from;
        FiscalQuarter end = to;
        Missing firstProblem = null;
        if (start == null) {
            for (FiscalQuarter q = earliest; q.compareTo(end == null ? latest : end) <= 0 && start == null; q = q.plus(1)) {
                try {
                    value(q, new TreeSet<>());
                    start = q;
                } catch (Missing missing) {
                    firstProblem = firstProblem == null ? missing : firstProblem;
                }
            }
        }
        if (end == null && start != null) {
            for (FiscalQuarter q = latest; q.compareTo(start) >= 0 && end == null; q = q.plus(-1)) {
                try {
                    value(q, new TreeSet<>());
                    end = q;
                } catch (Missing missing) {
                    firstProblem = firstProblem == null ? missing : firstProblem;
                }
            }
        }
        if (start == null || end == null) {
            throw new FitException(firstProblem == null ? "the window " + from + "–" + to + " is empty"
                    : "the series " + quoted() + " cannot be computed in any quarter"
                    + (from != null || to != null ? " of the window " + (from == null ? "" : "from " + from + " ")
                    + (to == null ? "" : "to " + to) : "") + ": " + firstProblem.describe() + "; check the item names "
                    + "and the window (--from, --to)");
        }
        if (start.compareTo(end) > 0) {
            throw new FitException("the window " + start + "–" + end + " is empty: --from must not be after --to");
        }
        List<FiscalQuarter> quarters = new ArrayList<>();
        double[] values = new double[end.index() - start.index() + 1];
        List<List<Integer>> lines = new ArrayList<>();
        List<Missing> gaps = new ArrayList<>();
        for (FiscalQuarter q = start; q.compareTo(end) <= 0; q = q.plus(1)) {
            TreeSet<Integer> used = new TreeSet<>();
            try {
                values[quarters.size()] = value(q, used);
            } catch (Missing missing) {
                gaps.add(missing);
            }
            quarters.add(q);
            lines.add(List.copyOf(used));
        }
        if (!gaps.isEmpty()) {
            throw gap(gaps, start, end);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new FitException(history.file() + ":" + lines.get(i).get(0) + ": the series " + quoted() + " is " + (Double.isNaN(values[i])
                        ? "undefined (NaN)" : values[i] > 0 ? "+infinity" : "-infinity") + " in " + quarters.get(i)
                        + " (from " + history.file() + " lines " + join(lines.get(i)) + "): a division by zero, a log or "
                        + "sqrt of a negative number, or an overflow; guard the formula (max, if) or choose a window "
                        + "without that quarter");
            }
        }
        return new Series(text, unit(), quarters, values, lines);
    }

    private String quoted() {
        return "\"" + text + "\"";
    }

    /** The message for inputs missing within the window, at the row next to the first gap. */
    private FitException gap(List<Missing> gaps, FiscalQuarter start, FiscalQuarter end) {
        Missing first = gaps.get(0);
        NavigableMap<FiscalQuarter, History.Fact> series = history.series(first.item);
        List<String> ways = new ArrayList<>();
        FiscalQuarter after = gaps.get(gaps.size() - 1).at.plus(1);
        FiscalQuarter before = first.at.plus(-1);
        if (after.compareTo(end) <= 0) {
            ways.add("start after it (--from " + after + ")");
        }
        if (before.compareTo(start) >= 0) {
            ways.add("end before it (--to " + before + ")");
        }
        String count = gaps.size() == 1 ? "" : " (" + gaps.size() + " quarters of the window lack an input; this is the "
                + "first)";
        History.Fact next = series.ceilingEntry(first.needed) == null ? null : series.ceilingEntry(first.needed).getValue();
        History.Fact previous = series.floorEntry(first.needed) == null ? null
                : series.floorEntry(first.needed).getValue();
        History.Fact blamed = next != null ? next : previous;
        String prefix = history.file() + ":" + blamed.line() + ": column 'quarter': ";
        return new FitException(prefix + "the series " + quoted() + " in " + first.at + " needs " + first.describe()
                + count + "; the window is " + start + "–" + end + ". Add the row" + (ways.isEmpty() ? "" : ", or "
                + String.join(", or ", ways)));
    }

    private static String join(List<Integer> lines) {
        return String.join(", ", lines.stream().map(String::valueOf).toList());
    }

    /** The value in quarter {@code q}; the lines of the facts it reads are added to {@code used}. */
    private double value(FiscalQuarter q, TreeSet<Integer> used) throws Missing {
        return new Evaluation(q, used).number(expr);
    }

    /** An input that is not in the history: which item, in which quarter, for the series' quarter {@code at}. */
    private final class Missing extends Exception {
        private static final long serialVersionUID = 1L;
        private final String item;
        private final FiscalQuarter needed;
        private final FiscalQuarter at;

        Missing(String item, FiscalQuarter needed, FiscalQuarter at) {
            super(null, null, false, false);
            this.item = item;
            this.needed = needed;
            this.at = at;
        }

        String describe() {
            NavigableMap<FiscalQuarter, History.Fact> series = history.series(item);
            Map.Entry<FiscalQuarter, History.Fact> first = series.firstEntry();
            Map.Entry<FiscalQuarter, History.Fact> last = series.lastEntry();
            String what = item + " of " + needed + (needed.equals(at) ? "" : " (" + needed.quartersUntil(at)
                    + " quarter(s) before " + at + ")");
            if (needed.compareTo(first.getKey()) < 0) {
                return what + ", before the first " + item + " row of " + history.file() + " (" + first.getKey()
                        + ", line " + first.getValue().line() + ")";
            }
            if (needed.compareTo(last.getKey()) > 0) {
                return what + ", after the last " + item + " row of " + history.file() + " (" + last.getKey()
                        + ", line " + last.getValue().line() + ")";
            }
            History.Fact before = series.lowerEntry(needed).getValue();
            History.Fact after = series.higherEntry(needed).getValue();
            return what + ", which " + history.file() + " does not have: its " + item + " rows jump from "
                    + before.quarter() + " (line " + before.line() + ") to " + after.quarter() + " (line "
                    + after.line() + ")";
        }
    }

    /** One quarter's walk of the tree. */
    private final class Evaluation {
        private final FiscalQuarter quarter;
        private final TreeSet<Integer> used;

        Evaluation(FiscalQuarter quarter, TreeSet<Integer> used) {
            this.quarter = quarter;
            this.used = used;
        }

        private double item(String name, int lag) throws Missing {
            FiscalQuarter q = quarter.plus(-lag);
            History.Fact fact = history.fact(name, q);
            if (fact == null) {
                throw new Missing(name, q, quarter);
            }
            used.add(fact.line());
            return fact.value();
        }

        double number(Expr e) throws Missing {
            if (e instanceof Expr.Num num) {
                return num.value();
            }
            if (e instanceof Expr.Ref ref) {
                return item(ref.name(), 0);
            }
            if (e instanceof Expr.Unary unary) {
                return -number(unary.operand());
            }
            if (e instanceof Expr.Binary binary) {
                double l = number(binary.left());
                double r = number(binary.right());
                return switch (binary.op()) {
                    case ADD -> l + r;
                    case SUB -> l - r;
                    case MUL -> l * r;
                    case DIV -> l / r;
                    case LT, LE, GT, GE, EQ, NE, AND, OR, NOT, NEG ->
                            throw new IllegalStateException("a condition where a number belongs");
                };
            }
            Expr.Call call = (Expr.Call) e;
            List<Expr> args = call.args();
            return switch (call.name()) {
                case "prev" -> item(((Expr.Ref) args.get(0)).name(), 1);
                case "lag" -> item(((Expr.Ref) args.get(0)).name(), (int) ((Expr.Num) args.get(1)).value());
                case "if" -> condition(args.get(0)) ? number(args.get(1)) : number(args.get(2));
                case "min", "max" -> {
                    double result = number(args.get(0));
                    for (int a = 1; a < args.size(); a++) {
                        double next = number(args.get(a));
                        result = call.name().equals("min") ? Math.min(result, next) : Math.max(result, next);
                    }
                    yield result;
                }
                case "abs" -> Math.abs(number(args.get(0)));
                case "floor" -> Math.floor(number(args.get(0)));
                case "exp" -> Math.exp(number(args.get(0)));
                case "log" -> Math.log(number(args.get(0)));
                case "sqrt" -> Math.sqrt(number(args.get(0)));
                case "pow" -> Math.pow(number(args.get(0)), number(args.get(1)));
                default -> throw new IllegalStateException("a function the check let through: " + call.name());
            };
        }

        boolean condition(Expr e) throws Missing {
            if (e instanceof Expr.Unary unary) {
                return !condition(unary.operand());
            }
            Expr.Binary binary = (Expr.Binary) e;
            return switch (binary.op()) {
                case AND -> condition(binary.left()) && condition(binary.right());
                case OR -> condition(binary.left()) || condition(binary.right());
                case LT -> number(binary.left()) < number(binary.right());
                case LE -> number(binary.left()) <= number(binary.right());
                case GT -> number(binary.left()) > number(binary.right());
                case GE -> number(binary.left()) >= number(binary.right());
                case EQ -> number(binary.left()) == number(binary.right());
                case NE -> number(binary.left()) != number(binary.right());
                case ADD, SUB, MUL, DIV, NOT, NEG -> throw new IllegalStateException("a number where a condition belongs");
            };
        }
    }
}
