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

    private final Model model;
    private final int budget;
    private final Map<String, Integer> items;
    private final Map<String, Integer> states = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private ModelCompiler(Model model, int budget) {
        this.model = model;
        this.budget = budget;
        this.items = model.itemIndexes();
        int k = 0;
        for (Model.Item item : model.items()) {
            if (item.state()) {
                states.put(item.name(), k++);
            }
        }
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
        boolean fused = segments.size() == 1;
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
            if (!fused) {
                line("tail(w, n, q);");
            }
            line("}");
            line("if (bad) { w.nonFinite = true; }");
            line("}");
        }
        for (int g = 0; g < segments.size(); g++) {
            writeInit(g, segments.get(g));
            writeSegment(g, segments.get(g), fused, false);
            writeSegment(g, segments.get(g), fused, true);
        }
        if (!fused) {
            writeTail();
        }
        line("}");
    }

    /**
     * The items cut into runs of evaluation order whose generated code stays well under the size
     * the JIT compiles (a method over 8,000 bytes of bytecode is only interpreted): one run for a
     * model of ordinary size, so that all its items stay in registers.
     */
    private List<List<Integer>> segments() {
        List<List<Integer>> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int weight = 0;
        for (int k = 0; k < model.items().size(); k++) {
            Model.Item item = model.items().get(k);
            int itemWeight = ITEM_WEIGHT + nodes(item.formula()) + (model.targets().contains(item.name())
                    ? TARGET_WEIGHT : 0);
            if (!current.isEmpty() && weight + itemWeight > budget) {
                segments.add(current);
                current = new ArrayList<>();
                weight = 0;
            }
            current.add(k);
            weight += itemWeight;
        }
        segments.add(current);
        if (segments.size() == 1 && weight + TAIL_WEIGHT + nodes(model.breach()) > budget) {
            // The tail (breach, states, reported items) no longer fits beside the items.
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
    private void writeSegment(int g, List<Integer> segment, boolean fused, boolean checked) {
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
                m.hoist("final double[] in" + t + " = w.injection[" + t + "][q];");
                m.hoist("final int[] tr" + t + " = w.triggers[" + t + "][q];");
                m.hoist("final boolean ht" + t + " = tr" + t + ".length != 0;");
                m.body.append(v).append(" = ").append(v).append(" + sh").append(t).append("[i];\n");
                m.body.append("if (ht").append(t).append(") { ").append(v).append(" = w.trigger(tr").append(t)
                        .append(", i, ").append(v).append("); }\n");
                m.body.append(v).append(" = ").append(v).append(" + in").append(t).append("[i];\n");
            }
            if (checked) {
                m.body.append("if (!Double.isFinite(").append(v).append(")) { throw w.nonFinite(").append(k)
                        .append(", q, i, ").append(v).append("); }\n");
            } else {
                finite.add("(" + v + " - " + v + ")");
            }
            if (!fused) {
                m.hoist("final double[] x" + k + " = w.values[" + k + "];");
                m.body.append("x").append(k).append("[i] = ").append(v).append(";\n");
            }
        }
        if (fused) {
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

    /** After every segment of a quarter, in a model cut into several: the states, the reported items, the breach. */
    private void writeTail() {
        Method m = new Method(Set.of());
        writeTailBody(m);
        line("private static void tail(dev.runway.sim.WalkState w, int n, int q) {");
        m.writeLoop();
        line("}");
    }

    private void writeTailBody(Method m) {
        for (Model.Item item : model.items()) {
            if (item.state()) {
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
                hoist("final double c" + column + " = w.schedule[" + column + "][q];");
                return "c" + column;
            }
            for (int s = 0; s < model.series().size(); s++) {
                if (model.series().get(s).name().equals(name)) {
                    hoist("final double[] z" + s + " = w.series[q][" + s + "];");
                    return "z" + s + "[i]";
                }
            }
            if (name.equals(Model.QUARTER)) {
                hoist("final double quarter = q + 1;");
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
                case "abs", "exp", "log", "sqrt":
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
                    return "dev.runway.sim.WalkState.lag(col" + column + ", q, " + expr(args.get(1)) + ")";
                }
                default:
                    throw new IllegalStateException("a checked model calls an unknown function: " + call.name());
            }
        }
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
