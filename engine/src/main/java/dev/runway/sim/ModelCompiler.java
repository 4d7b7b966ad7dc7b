package dev.runway.sim;

import dev.runway.lang.Expr;
import dev.runway.model.Model;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generates the Java source of a model's {@link ModelWalk} from its syntax trees and compiles it
 * in-process with Janino (Apache Spark's own code generator). The source is written from the tree
 * alone: every name becomes an array index chosen here, every number a literal printed here, every
 * operation one of a fixed list, so no text of the user's ever reaches the compiler. The walk is
 * the shape the engine's hand-written kernel had: the quarter loop outside, the paths of a chunk
 * inside, each line item a local variable, nothing allocated.
 *
 * <p>Compiled classes are kept by their source, so the scenarios of a case, and a case run again,
 * share one class and one JIT profile.
 */
public final class ModelCompiler {
    private static final String CLASS = "dev.runway.sim.generated.Walk";
    private static final Map<String, Class<?>> COMPILED = new ConcurrentHashMap<>();
    /**
     * The most weight one generated method takes: about 4 KB of bytecode, half of what the JIT
     * compiles at all. A weight is an operation of a formula, plus a few per item and per event target.
     */
    static final int BUDGET = 700;
    private static final int ITEM_WEIGHT = 4;
    private static final int TARGET_WEIGHT = 12;
    private static final int TAIL_WEIGHT = 40;
    /** Models with at most this many items calling exp, log, sqrt or pow give each a loop of its own. */
    private static final int MAX_ISOLATED = 4;

    private final Model model;
    private final int budget;
    private final Map<String, Integer> items;
    private final Map<String, Integer> states = new HashMap<>();
    /**
     * The items the fast walk checks are finite: those carried to the next quarter, reported, or
     * compared. A value that goes bad anywhere else reaches one of them (NaN and infinities carry
     * through arithmetic, min and max), except through the few operations that can absorb an
     * infinity (1/x, exp(-x)); the checked walk then names the item where it started.
     */
    private final Set<String> watched = new HashSet<>();
    /** Each item's method, once the items are cut into methods. */
    private final Map<Integer, Integer> segmentOf = new HashMap<>();
    /** The states written to the next quarter by their own item's method rather than after all of them. */
    private final Set<String> carriedEarly = new HashSet<>();
    private final StringBuilder out = new StringBuilder();

    private ModelCompiler(Model model, int budget) {
        this.model = model;
        this.budget = budget;
        this.items = model.itemIndexes();
        int k = 0;
        for (Model.Item item : model.items()) {
            if (item.state()) {
                states.put(item.name(), k++);
                watched.add(item.name());
            }
            watched.addAll(compared(item.formula(), false));
        }
        watched.addAll(model.reported());
        watched.addAll(compared(model.breach(), false));
    }

    /** The items a formula compares or tests: in a comparison, a condition of if, or under && || !. */
    private Set<String> compared(Expr expr, boolean inCondition) {
        Set<String> found = new HashSet<>();
        expr.accept(new Expr.Visitor<Void>() {
            private boolean condition = inCondition;

            @Override
            public Void num(Expr.Num num) {
                return null;
            }

            @Override
            public Void ref(Expr.Ref ref) {
                if (condition && items.containsKey(ref.name())) {
                    found.add(ref.name());
                }
                return null;
            }

            @Override
            public Void unary(Expr.Unary unary) {
                return within(unary.op().logical(), unary.operand());
            }

            @Override
            public Void binary(Expr.Binary binary) {
                within(binary.op().logical(), binary.left());
                return within(binary.op().logical(), binary.right());
            }

            @Override
            public Void call(Expr.Call call) {
                for (int a = 0; a < call.args().size(); a++) {
                    within(call.name().equals("if") && a == 0, call.args().get(a));
                }
                return null;
            }

            private Void within(boolean logical, Expr inner) {
                boolean saved = condition;
                condition |= logical;
                inner.accept(this);
                condition = saved;
                return null;
            }
        });
        return found;
    }

    /** The compiled walk of a model. */
    public static ModelWalk compile(Model model) {
        return compile(model, BUDGET);
    }

    /** The walk compiled from the source cut at {@code budget}: for tests of the cut itself. */
    static ModelWalk compile(Model model, int budget) {
        return instance(COMPILED.computeIfAbsent(source(model, budget), ModelCompiler::cook));
    }

    /** The compiled walk of a model, compiled afresh even if the cache holds it: for measuring the compiler. */
    public static ModelWalk compileUncached(Model model) {
        return instance(cook(source(model)));
    }

    private static ModelWalk instance(Class<?> type) {
        try {
            return (ModelWalk) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated walk cannot be instantiated", e);
        }
    }

    /** The Java source generated for a model. */
    public static String source(Model model) {
        return source(model, BUDGET);
    }

    /** As {@link #source(Model)}, cutting the items into methods of at most {@code budget} weight each. */
    static String source(Model model, int budget) {
        ModelCompiler compiler = new ModelCompiler(model, budget);
        compiler.writeClass();
        return compiler.out.toString();
    }

    private static Class<?> cook(String source) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(ModelWalk.class.getClassLoader());
        try {
            compiler.cook(source);
            return compiler.getClassLoader().loadClass(CLASS);
        } catch (CompileException | ClassNotFoundException e) {
            // The source is ours, generated from a checked tree: failing to compile it is a bug here.
            throw new IllegalStateException("the generated walk does not compile: " + e.getMessage(), e);
        }
    }

    private void writeClass() {
        List<List<Integer>> segments = segments();
        for (int g = 0; g < segments.size(); g++) {
            for (int k : segments.get(g)) {
                segmentOf.put(k, g);
            }
        }
        int tail = segments.size() - 1;
        for (Model.Item item : model.items()) {
            // A state is carried on in its own method when no later one reads last quarter's value of it.
            int lastReader = uses(model.breach(), true).contains(item.name()) ? tail : -1;
            for (int k = 0; k < model.items().size(); k++) {
                if (uses(model.items().get(k).formula(), true).contains(item.name())) {
                    lastReader = Math.max(lastReader, segmentOf.get(k));
                }
            }
            if (item.state() && lastReader <= segmentOf.get(items.get(item.name()))) {
                carriedEarly.add(item.name());
            }
        }
        Set<Integer> shared = shared(tail);
        line("package dev.runway.sim.generated;");
        line("public final class Walk implements dev.runway.sim.ModelWalk {");
        for (boolean checked : new boolean[] {false, true}) {
            line("public void " + (checked ? "walkChecked" : "walk") + "(dev.runway.sim.WalkState w, int n) {");
            for (int g = 0; g < segments.size(); g++) {
                line("init" + g + "(w, n);");
            }
            line("java.util.Arrays.fill(w.firstBreach, 0, n, 0);");
            line("boolean bad = false;");
            line("for (int q = 0; q < w.horizon; q++) {");
            for (int g = 0; g < segments.size(); g++) {
                line("bad |= " + (checked ? "checked" : "fast") + g + "(w, n, q);");
            }
            line("}");
            line("if (bad) { w.nonFinite = true; }");
            line("}");
        }
        for (int g = 0; g < segments.size(); g++) {
            boolean last = g == segments.size() - 1;
            writeInit(g, segments.get(g));
            writeSegment(g, segments.get(g), shared, last, false);
            writeSegment(g, segments.get(g), shared, last, true);
        }
        line("}");
    }

    /**
     * The items cut into runs of evaluation order whose generated code stays well under the size
     * the JIT compiles (a method over 8,000 bytes of bytecode is only interpreted): one run for a
     * model of ordinary size, so that all its items stay in registers.
     */
    private List<List<Integer>> segments() {
        boolean isolate = model.items().stream().filter(item -> transcendental(item.formula())).count()
                <= MAX_ISOLATED;
        List<List<Integer>> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int weight = 0;
        for (int k = 0; k < model.items().size(); k++) {
            Model.Item item = model.items().get(k);
            int itemWeight = ITEM_WEIGHT + nodes(item.formula()) + (model.targets().contains(item.name())
                    ? TARGET_WEIGHT : 0);
            // An item that calls exp, log, sqrt or pow gets a loop of its own, as the hand-written kernel gave
            // exp: the JIT compiles those to calls that spill every live value around them. In a model full of
            // them, loops of one item each would cost more in loads and stores than the spills they save.
            boolean cut = isolate && (transcendental(item.formula())
                    || (k > 0 && transcendental(model.items().get(k - 1).formula())));
            if (!current.isEmpty() && (weight + itemWeight > budget || cut)) {
                segments.add(current);
                current = new ArrayList<>();
                weight = 0;
            }
            current.add(k);
            weight += itemWeight;
        }
        segments.add(current);
        if (weight + TAIL_WEIGHT + nodes(model.breach()) > budget) {
            // The tail (breach, states, reported items) no longer fits beside the last items.
            segments.add(List.of());
        }
        return segments;
    }

    /** The initial values of the segment's items that have a state. */
    private void writeInit(int g, List<Integer> segment) {
        Method m = new Method(Set.of());
        for (int k : segment) {
            Model.Item item = model.items().get(k);
            if (item.state()) {
                int s = states.get(item.name());
                m.hoist("final double[] s" + s + " = w.state[" + s + "];");
                m.body.append("s").append(s).append("[i] = ").append(m.expr(item.initial())).append(";\n");
            }
        }
        line("private static void init" + g + "(dev.runway.sim.WalkState w, int n) {");
        m.writeLoop();
        line("}");
    }

    /**
     * One quarter of the segment's items for every path of the chunk; returns whether a value was
     * not finite (the checked variant throws there instead). When the model is one segment it also
     * carries the states on, records the reported items and the breach, all from registers.
     */
    private void writeSegment(int g, List<Integer> segment, Set<Integer> shared, boolean last, boolean checked) {
        Method m = new Method(new HashSet<>(segment));
        List<String> finite = new ArrayList<>();
        for (int k : segment) {
            Model.Item item = model.items().get(k);
            String v = "v" + k;
            m.body.append("double ").append(v).append(" = ").append(m.expr(item.formula())).append(";\n");
            int t = model.targets().indexOf(item.name());
            if (t >= 0) {
                // Events move the item right after its formula: shocks, then triggered, then scheduled injections.
                m.hoist("final double[] sh" + t + " = w.shock[" + t + "][q];");
                m.body.append(v).append(" = ").append(v).append(" + sh").append(t).append("[i];\n");
                if (model.injected().contains(item.name())) {
                    m.hoist("final double[] in" + t + " = w.injection[" + t + "][q];");
                    m.hoist("final int[] tr" + t + " = w.triggers[" + t + "][q];");
                    m.hoist("final boolean ht" + t + " = tr" + t + ".length != 0;");
                    m.body.append("if (ht").append(t).append(") { ").append(v).append(" = w.trigger(tr").append(t)
                            .append(", i, ").append(v).append("); }\n");
                    m.body.append(v).append(" = ").append(v).append(" + in").append(t).append("[i];\n");
                }
            }
            if (checked) {
                m.body.append("if (!Double.isFinite(").append(v).append(")) { throw w.nonFinite(").append(k)
                        .append(", q, i, ").append(v).append("); }\n");
            } else if (watched.contains(item.name())) {
                finite.add("(" + v + " - " + v + ")");
            }
            if (shared.contains(k)) {
                m.hoist("final double[] x" + k + " = w.values[" + k + "];");
                m.body.append("x").append(k).append("[i] = ").append(v).append(";\n");
            }
        }
        for (int k : segment) {
            Model.Item item = model.items().get(k);
            if (carriedEarly.contains(item.name())) {
                m.body.append("s").append(states.get(item.name())).append("[i] = v").append(k).append(";\n");
                m.hoist("final double[] s" + states.get(item.name()) + " = w.state[" + states.get(item.name()) + "];");
            }
        }
        if (last) {
            writeTailBody(m);
        }
        if (!finite.isEmpty()) {
            // x - x is 0 for a finite x and NaN otherwise: one sum says whether any item of the path went bad.
            m.body.append("bad |= ").append(String.join(" + ", finite)).append(" != 0.0;\n");
        }
        line("private static boolean " + (checked ? "checked" : "fast") + g
                + "(dev.runway.sim.WalkState w, int n, int q) {");
        line("boolean bad = false;");
        m.writeLoop();
        line("return bad;");
        line("}");
    }

    /** The items that a method other than their own reads this quarter: they go through the state's arrays. */
    private Set<Integer> shared(int tail) {
        Set<Integer> shared = new HashSet<>();
        for (int k = 0; k < model.items().size(); k++) {
            for (String used : uses(model.items().get(k).formula(), false)) {
                int u = items.get(used);
                if (!segmentOf.get(u).equals(segmentOf.get(k))) {
                    shared.add(u);
                }
            }
        }
        List<String> tailUses = new ArrayList<>(uses(model.breach(), false));
        tailUses.addAll(model.reported());
        model.items().stream().filter(item -> item.state() && !carriedEarly.contains(item.name()))
                .forEach(item -> tailUses.add(item.name()));
        for (String used : tailUses) {
            if (segmentOf.get(items.get(used)) != tail) {
                shared.add(items.get(used));
            }
        }
        return shared;
    }

    /** The items a formula reads this quarter, or with {@code previous} the ones it reads through prev. */
    private Set<String> uses(Expr expr, boolean previous) {
        Set<String> used = new HashSet<>();
        expr.accept(new Expr.Visitor<Void>() {
            @Override
            public Void num(Expr.Num num) {
                return null;
            }

            @Override
            public Void ref(Expr.Ref ref) {
                if (!previous && items.containsKey(ref.name())) {
                    used.add(ref.name());
                }
                return null;
            }

            @Override
            public Void unary(Expr.Unary unary) {
                return unary.operand().accept(this);
            }

            @Override
            public Void binary(Expr.Binary binary) {
                binary.left().accept(this);
                return binary.right().accept(this);
            }

            @Override
            public Void call(Expr.Call call) {
                if (!call.name().equals("prev")) {
                    call.args().forEach(arg -> arg.accept(this));
                } else if (previous) {
                    used.add(((Expr.Ref) call.args().get(0)).name());
                }
                return null;
            }
        });
        return used;
    }

    private void writeTailBody(Method m) {
        for (Model.Item item : model.items()) {
            if (item.state() && !carriedEarly.contains(item.name())) {
                int s = states.get(item.name());
                m.hoist("final double[] s" + s + " = w.state[" + s + "];");
                m.body.append("s").append(s).append("[i] = ").append(m.item(items.get(item.name()))).append(";\n");
            }
        }
        m.hoist("final int start = w.start;");
        for (int r = 0; r < model.reported().size(); r++) {
            m.hoist("final double[] r" + r + " = w.reported[" + r + "][q];");
            m.body.append("r").append(r).append("[start + i] = ").append(m.item(items.get(model.reported().get(r))))
                    .append(";\n");
        }
        m.hoist("final boolean[] bq = w.breach[q];");
        m.hoist("final int[] fb = w.firstBreach;");
        m.body.append("final boolean b = ").append(m.expr(model.breach())).append(";\n");
        m.body.append("bq[start + i] = b;\n");
        m.body.append("if (b && fb[i] == 0) { fb[i] = q + 1; }\n");
    }

    /**
     * One generated method's loop over the chunk's paths: its body, and the locals it hoists out of
     * the loop, each declared once. The items of its own segment are locals; others are read from
     * the state's arrays, where their segment wrote them.
     */
    private final class Method {
        private final Set<Integer> own;
        private final Set<String> hoists = new LinkedHashSet<>();
        final StringBuilder body = new StringBuilder();

        Method(Set<Integer> own) {
            this.own = own;
        }

        void hoist(String declaration) {
            hoists.add(declaration);
        }

        void writeLoop() {
            hoists.forEach(ModelCompiler.this::line);
            line("for (int i = 0; i < n; i++) {");
            out.append(body);
            line("}");
        }

        String item(int k) {
            if (own.contains(k)) {
                return "v" + k;
            }
            hoist("final double[] x" + k + " = w.values[" + k + "];");
            return "x" + k + "[i]";
        }

        /** The Java expression of a formula: names as indexes, numbers as literals, operators from a fixed list. */
        String expr(Expr expr) {
            return expr.accept(new Expr.Visitor<String>() {
                @Override
                public String num(Expr.Num num) {
                    return literal(num.value());
                }

                @Override
                public String ref(Expr.Ref ref) {
                    return reference(ref.name());
                }

                @Override
                public String unary(Expr.Unary unary) {
                    return "(" + unary.op().symbol() + expr(unary.operand()) + ")";
                }

                @Override
                public String binary(Expr.Binary binary) {
                    return "(" + expr(binary.left()) + " " + binary.op().symbol() + " " + expr(binary.right()) + ")";
                }

                @Override
                public String call(Expr.Call call) {
                    return Method.this.call(call);
                }
            });
        }

        private String reference(String name) {
            int driver = model.drivers().indexOf(name);
            if (driver >= 0) {
                hoist("final double[] d" + driver + " = w.drivers[" + driver + "];");
                return "d" + driver + "[i]";
            }
            Integer item = items.get(name);
            if (item != null) {
                return item(item);
            }
            int column = model.scheduleColumns().indexOf(name);
            if (column >= 0) {
                hoist("final double c" + column + " = w.schedule[" + column + "][q + w.past];");
                return "c" + column;
            }
            for (int s = 0; s < model.series().size(); s++) {
                if (model.series().get(s).name().equals(name)) {
                    hoist("final double[] z" + s + " = w.series[q][" + s + "];");
                    return "z" + s + "[i]";
                }
            }
            if (name.equals(Model.QUARTER)) {
                hoist("final double quarter = q + 1 + w.past;");
                return "quarter";
            }
            throw new IllegalStateException("a checked model names something unknown: " + name);
        }

        private String call(Expr.Call call) {
            List<Expr> args = call.args();
            switch (call.name()) {
                case "if":
                    return "(" + expr(args.get(0)) + " ? " + expr(args.get(1)) + " : " + expr(args.get(2)) + ")";
                case "min", "max": {
                    String result = expr(args.get(0));
                    for (int a = 1; a < args.size(); a++) {
                        result = "Math." + call.name() + "(" + result + ", " + expr(args.get(a)) + ")";
                    }
                    return result;
                }
                case "abs", "floor", "exp", "log", "sqrt":
                    return "Math." + call.name() + "(" + expr(args.get(0)) + ")";
                case "pow":
                    return "Math.pow(" + expr(args.get(0)) + ", " + expr(args.get(1)) + ")";
                case "prev": {
                    int s = states.get(((Expr.Ref) args.get(0)).name());
                    hoist("final double[] s" + s + " = w.state[" + s + "];");
                    return "s" + s + "[i]";
                }
                case "lag": {
                    int column = model.scheduleColumns().indexOf(((Expr.Ref) args.get(0)).name());
                    hoist("final double[] col" + column + " = w.schedule[" + column + "];");
                    return "dev.runway.sim.WalkState.lag(col" + column + ", q + w.past, " + expr(args.get(1)) + ")";
                }
                default:
                    throw new IllegalStateException("a checked model calls an unknown function: " + call.name());
            }
        }
    }

    /** Whether a formula calls exp, log, sqrt or pow, which the JIT compiles to calls that spill every register. */
    private static boolean transcendental(Expr expr) {
        return expr.accept(new Expr.Visitor<Boolean>() {
            @Override
            public Boolean num(Expr.Num num) {
                return false;
            }

            @Override
            public Boolean ref(Expr.Ref ref) {
                return false;
            }

            @Override
            public Boolean unary(Expr.Unary unary) {
                return transcendental(unary.operand());
            }

            @Override
            public Boolean binary(Expr.Binary binary) {
                return transcendental(binary.left()) || transcendental(binary.right());
            }

            @Override
            public Boolean call(Expr.Call call) {
                return List.of("exp", "log", "sqrt", "pow").contains(call.name())
                        || call.args().stream().anyMatch(ModelCompiler::transcendental);
            }
        });
    }

    /** The operations of a formula: a rough measure of the code it compiles to. */
    private static int nodes(Expr expr) {
        return expr.accept(new Expr.Visitor<Integer>() {
            @Override
            public Integer num(Expr.Num num) {
                return 1;
            }

            @Override
            public Integer ref(Expr.Ref ref) {
                return 1;
            }

            @Override
            public Integer unary(Expr.Unary unary) {
                return 1 + nodes(unary.operand());
            }

            @Override
            public Integer binary(Expr.Binary binary) {
                return 1 + nodes(binary.left()) + nodes(binary.right());
            }

            @Override
            public Integer call(Expr.Call call) {
                return 1 + call.args().stream().mapToInt(ModelCompiler::nodes).sum();
            }
        });
    }

    private static String literal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("a formula's number is not finite: " + value);
        }
        return "(" + Double.toString(value) + ")";
    }


    private void line(String text) {
        out.append(text).append('\n');
    }
}
