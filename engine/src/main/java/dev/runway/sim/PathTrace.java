package dev.runway.sim;

import dev.runway.lang.Expr;
import dev.runway.model.Distribution;
import dev.runway.model.DistributionKind;
import dev.runway.model.Event;
import dev.runway.model.InputCell;
import dev.runway.model.InputLimits;
import dev.runway.model.Model;
import dev.runway.model.Scenario;
import dev.runway.model.SourceLines;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * One path walked again, interpreted from the model's syntax trees instead of compiled, with each
 * value carrying the input it owes most to: of the values an operation combines, the one that is
 * not finite, or else the largest in magnitude (for a division that overflows, the divisor).
 * Inputs are the cells of the files: a driver's row, a schedule cell, an event's amount, a random
 * series or a number written in a formula. It runs only after the compiled walk met a value that
 * is not finite, to say which input cell most likely made it so; it computes the same doubles as
 * the compiled walk, operation for operation, from the draws the walk used.
 */
final class PathTrace {

    /** An input of the path: the cell it was read from, and what it was on the path. */
    record Origin(InputCell cell, String what) { }

    /** A value and the input it owes most to; a null origin is no input (the quarter index, a zero). */
    private record Traced(double value, Origin origin) { }

    private final Scenario scenario;
    private final Model model;
    private final SourceLines lines;
    private final WalkState w;
    private final double[][] eventOn;
    private final int[][] eventQuarter;
    private final int i;
    private final Map<String, Integer> items;
    private final List<Model.Item> stateItems;
    private Traced[] values;
    private Traced[] state;
    private int quarter;
    private Model.Item current;
    private String column;

    private PathTrace(Scenario scenario, WalkState w, double[][] eventOn, int[][] eventQuarter, int i) {
        this.scenario = scenario;
        this.model = scenario.model();
        this.lines = scenario.lines();
        this.w = w;
        this.eventOn = eventOn;
        this.eventQuarter = eventQuarter;
        this.i = i;
        this.items = model.itemIndexes();
        this.stateItems = model.items().stream().filter(Model.Item::state).toList();
    }

    /**
     * The input most likely responsible for item {@code item}'s value in quarter {@code q}
     * (0-based) on path {@code i} of the chunk {@code w} holds; null if it owes to no input.
     *
     * @param eventOn      {@code eventOn[e][i]}: 1 where event e is on for path i, else 0
     * @param eventQuarter {@code eventQuarter[e][i]}: the quarter (0-based) a scheduled event e fires in on path i
     */
    static Origin of(Scenario scenario, WalkState w, double[][] eventOn, int[][] eventQuarter, int i, int item,
            int q) {
        return new PathTrace(scenario, w, eventOn, eventQuarter, i).walk(item, q);
    }

    private Origin walk(int item, int last) {
        List<Event> events = scenario.events();
        boolean[] pending = new boolean[events.size()];
        for (int e = 0; e < events.size(); e++) {
            pending[e] = events.get(e).triggered() && eventOn[e][i] != 0.0;
        }
        state = new Traced[stateItems.size()];
        column = "initial";
        quarter = -1;
        for (int s = 0; s < state.length; s++) {
            current = stateItems.get(s);
            state[s] = eval(current.initial());
        }
        column = "formula";
        for (quarter = 0; quarter <= last; quarter++) {
            values = new Traced[model.items().size()];
            for (int k = 0; k < values.length; k++) {
                current = model.items().get(k);
                Traced v = eval(current.formula());
                int t = model.targets().indexOf(current.name());
                if (t >= 0) {
                    v = add(v, new Traced(w.shock[t][quarter][i], scheduled(t, false)));
                    if (model.injected().contains(current.name())) {
                        double before = v.value();
                        for (int e : w.triggers[t][quarter]) {
                            if (pending[e] && before < w.level[e]) {
                                pending[e] = false;
                                v = add(v, new Traced(w.amount[e][i], amount(e)));
                            }
                        }
                        v = add(v, new Traced(w.injection[t][quarter][i], scheduled(t, true)));
                    }
                }
                values[k] = v;
                if (quarter == last && k == item) {
                    return v.origin();
                }
            }
            for (int s = 0; s < state.length; s++) {
                state[s] = values[items.get(stateItems.get(s).name())];
            }
        }
        return null;
    }

    /** Of the scheduled shocks (or injections) of target t that fire this quarter on the path, the largest. */
    private Origin scheduled(int t, boolean injections) {
        List<Event> events = scenario.events();
        Traced largest = null;
        for (int e = 0; e < events.size(); e++) {
            Event event = events.get(e);
            boolean injection = event.kind().injection();
            if (!event.triggered() && injection == injections && event.target().equals(model.targets().get(t))
                    && eventOn[e][i] != 0.0 && eventQuarter[e][i] == quarter) {
                largest = larger(largest, new Traced(w.amount[e][i], amount(e)));
            }
        }
        return largest == null ? null : largest.origin();
    }

    private Origin amount(int e) {
        Event event = scenario.events().get(e);
        return new Origin(lines.event(event.name(), "distribution"), "the amount of event " + event.name() + ", which "
                + drew(event.amount()) + InputLimits.approximate(w.amount[e][i]) + " (" + event.amount() + ")");
    }

    private Traced eval(Expr expr) {
        return expr.accept(new Expr.Visitor<Traced>() {
            @Override
            public Traced num(Expr.Num num) {
                if (num.at() == Model.STARTED_FROM_ACTUALS) {
                    return new Traced(num.value(), new Origin(null, "the realized value " + InputLimits.format(num.value())
                            + " that --as-of starts " + current.name() + " from (the actuals file)"));
                }
                return new Traced(num.value(), written(num.value()));
            }

            @Override
            public Traced ref(Expr.Ref ref) {
                return reference(ref.name());
            }

            @Override
            public Traced unary(Expr.Unary unary) {
                Traced operand = eval(unary.operand());
                return new Traced(-operand.value(), operand.origin());
            }

            @Override
            public Traced binary(Expr.Binary binary) {
                Traced left = eval(binary.left());
                Traced right = eval(binary.right());
                double l = left.value();
                double r = right.value();
                return switch (binary.op()) {
                    case ADD -> combine(l + r, left, right);
                    case SUB -> combine(l - r, left, right);
                    case MUL -> combine(l * r, left, right);
                    case DIV -> {
                        double quotient = l / r;
                        // A finite number divided into infinity or NaN: the divisor is zero or tiny.
                        yield Double.isFinite(l) && Double.isFinite(r) && !Double.isFinite(quotient)
                                ? new Traced(quotient, right.origin()) : combine(quotient, left, right);
                    }
                    case LT, LE, GT, GE, EQ, NE, AND, OR, NOT, NEG ->
                            throw new IllegalStateException("a condition where a number belongs");
                };
            }

            @Override
            public Traced call(Expr.Call call) {
                return PathTrace.this.call(call);
            }
        });
    }

    private boolean condition(Expr expr) {
        return expr.accept(new Expr.Visitor<Boolean>() {
            @Override
            public Boolean num(Expr.Num num) {
                throw new IllegalStateException("a number where a condition belongs");
            }

            @Override
            public Boolean ref(Expr.Ref ref) {
                throw new IllegalStateException("a name where a condition belongs");
            }

            @Override
            public Boolean unary(Expr.Unary unary) {
                return !condition(unary.operand());
            }

            @Override
            public Boolean binary(Expr.Binary binary) {
                return switch (binary.op()) {
                    case AND -> condition(binary.left()) && condition(binary.right());
                    case OR -> condition(binary.left()) || condition(binary.right());
                    case LT -> eval(binary.left()).value() < eval(binary.right()).value();
                    case LE -> eval(binary.left()).value() <= eval(binary.right()).value();
                    case GT -> eval(binary.left()).value() > eval(binary.right()).value();
                    case GE -> eval(binary.left()).value() >= eval(binary.right()).value();
                    case EQ -> eval(binary.left()).value() == eval(binary.right()).value();
                    case NE -> eval(binary.left()).value() != eval(binary.right()).value();
                    case ADD, SUB, MUL, DIV, NOT, NEG -> throw new IllegalStateException("a number where a condition belongs");
                };
            }

            @Override
            public Boolean call(Expr.Call call) {
                throw new IllegalStateException("a function where a condition belongs");
            }
        });
    }

    private Traced call(Expr.Call call) {
        List<Expr> args = call.args();
        switch (call.name()) {
            case "if":
                return condition(args.get(0)) ? eval(args.get(1)) : eval(args.get(2));
            case "min", "max": {
                Traced result = eval(args.get(0));
                for (int a = 1; a < args.size(); a++) {
                    Traced next = eval(args.get(a));
                    double value = call.name().equals("min") ? Math.min(result.value(), next.value())
                            : Math.max(result.value(), next.value());
                    // The result is one of the two, or NaN from the one that is NaN.
                    boolean fromNext = Double.isNaN(value) ? Double.isNaN(next.value()) && !Double.isNaN(result.value())
                            : value != result.value();
                    result = new Traced(value, fromNext ? next.origin() : result.origin());
                }
                return result;
            }
            case "abs":
                return unaryFunction(args, Math::abs);
            case "floor":
                return unaryFunction(args, Math::floor);
            case "exp":
                return unaryFunction(args, Math::exp);
            case "log":
                return unaryFunction(args, Math::log);
            case "sqrt":
                return unaryFunction(args, Math::sqrt);
            case "pow": {
                Traced base = eval(args.get(0));
                Traced exponent = eval(args.get(1));
                return combine(Math.pow(base.value(), exponent.value()), base, exponent);
            }
            case "prev":
                return state[stateIndex(((Expr.Ref) args.get(0)).name())];
            case "lag": {
                String name = ((Expr.Ref) args.get(0)).name();
                int c = model.scheduleColumns().indexOf(name);
                Traced lag = eval(args.get(1));
                double value = WalkState.lag(w.schedule[c], quarter + w.past, lag.value());
                long index = quarter + w.past - (long) lag.value();
                return new Traced(value, index >= 0 && index < w.schedule[c].length ? scheduleCell(c, (int) index)
                        : lag.origin());
            }
            default:
                throw new IllegalStateException("a checked model calls an unknown function: " + call.name());
        }
    }

    private Traced unaryFunction(List<Expr> args, DoubleUnaryOperator function) {
        Traced argument = eval(args.get(0));
        return new Traced(function.applyAsDouble(argument.value()), argument.origin());
    }

    private int stateIndex(String item) {
        for (int s = 0; s < stateItems.size(); s++) {
            if (stateItems.get(s).name().equals(item)) {
                return s;
            }
        }
        throw new IllegalStateException("prev of an item without a state: " + item);
    }

    private Traced reference(String name) {
        int d = model.drivers().indexOf(name);
        if (d >= 0) {
            double value = w.drivers[d][i];
            return new Traced(value, new Origin(lines.driver(name), "the driver " + name + ", which "
                    + drew(scenario.driver(name)) + InputLimits.approximate(value) + " (" + scenario.driver(name) + ")"));
        }
        Integer k = items.get(name);
        if (k != null) {
            return values[k];
        }
        int c = model.scheduleColumns().indexOf(name);
        if (c >= 0) {
            return new Traced(w.schedule[c][quarter + w.past], scheduleCell(c, quarter + w.past));
        }
        for (int s = 0; s < model.series().size(); s++) {
            Model.Series series = model.series().get(s);
            if (series.name().equals(name)) {
                double value = w.series[quarter][s][i];
                return new Traced(value, new Origin(new InputCell(model.file(), series.line(), "formula"),
                        "the random series " + name + ", which drew " + InputLimits.approximate(value) + " in quarter "
                                + (quarter + 1) + " from " + series.distribution()));
            }
        }
        if (name.equals(Model.QUARTER)) {
            return new Traced(quarter + 1 + w.past, null);
        }
        throw new IllegalStateException("a checked model names something unknown: " + name);
    }

    private static String drew(Distribution distribution) {
        return distribution.kind() == DistributionKind.CONSTANT ? "is " : "drew ";
    }

    /** Where the schedule's column c has its value of quarter q of the whole schedule, its past included. */
    private Origin scheduleCell(int c, int q) {
        String name = model.scheduleColumns().get(c);
        int past = w.past;
        return new Origin(lines.schedule(q, name), "the schedule's " + name + " in quarter " + (q + 1) + " ("
                + (q >= past ? scenario.schedule().labels().get(q - past) : "before the run's first quarter") + "), "
                + InputLimits.format(w.schedule[c][q]));
    }

    private Origin written(double value) {
        return new Origin(new InputCell(model.file(), current.line(), column), "the number "
                + InputLimits.format(value) + " in the " + column + " of " + current.name());
    }

    private static Traced add(Traced a, Traced b) {
        return combine(a.value() + b.value(), a, b);
    }

    /** A result, owed to the operand that is not finite, or else to the larger one. */
    private static Traced combine(double value, Traced a, Traced b) {
        return new Traced(value, larger(a, b).origin());
    }

    /** Of two values, the one not finite, else the one larger in magnitude; one with an origin over one without. */
    private static Traced larger(Traced a, Traced b) {
        if (a == null || a.origin() == null) {
            return b == null || b.origin() == null ? (a != null ? a : b) : b;
        }
        if (b == null || b.origin() == null) {
            return a;
        }
        if (!Double.isFinite(a.value())) {
            return a;
        }
        if (!Double.isFinite(b.value())) {
            return b;
        }
        return Math.abs(b.value()) > Math.abs(a.value()) ? b : a;
    }
}
