package dev.runway.sim;

import dev.runway.lang.Expr;
import dev.runway.model.Model;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final Model model;
    private final Map<String, Integer> items;
    private final Map<String, Integer> states = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private ModelCompiler(Model model) {
        this.model = model;
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
        String source = source(model);
        Class<?> type = COMPILED.computeIfAbsent(source, ModelCompiler::cook);
        try {
            return (ModelWalk) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated walk cannot be instantiated", e);
        }
    }

    /** The Java source generated for a model. */
    public static String source(Model model) {
        ModelCompiler compiler = new ModelCompiler(model);
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
        line("package dev.runway.sim.generated;");
        line("public final class Walk implements dev.runway.sim.ModelWalk {");
        line("public void walk(dev.runway.sim.WalkState w, int n) {");
        writeBody(false);
        line("}");
        line("public void walkChecked(dev.runway.sim.WalkState w, int n) {");
        writeBody(true);
        line("}");
        line("}");
    }

    private void writeBody(boolean checked) {
        int drivers = model.drivers().size();
        for (int d = 0; d < drivers; d++) {
            line("final double[] d" + d + " = w.drivers[" + d + "];");
        }
        for (int k = 0; k < states.size(); k++) {
            line("final double[] s" + k + " = w.state[" + k + "];");
        }
        for (int c = 0; c < model.scheduleColumns().size(); c++) {
            line("final double[] col" + c + " = w.schedule[" + c + "];");
        }
        line("final int start = w.start;");
        line("final int[] fb = w.firstBreach;");
        line("for (int i = 0; i < n; i++) {");
        for (Model.Item item : model.items()) {
            if (item.state()) {
                line("s" + states.get(item.name()) + "[i] = " + expr(item.initial()) + ";");
            }
        }
        line("fb[i] = 0;");
        line("}");
        if (!checked) {
            line("boolean bad = false;");
        }
        line("for (int q = 0; q < w.horizon; q++) {");
        line("final double quarter = q + 1;");
        for (int s = 0; s < model.series().size(); s++) {
            line("final double[] z" + s + " = w.series[q][" + s + "];");
        }
        for (int c = 0; c < model.scheduleColumns().size(); c++) {
            line("final double c" + c + " = col" + c + "[q];");
        }
        for (int t = 0; t < model.targets().size(); t++) {
            line("final double[] sh" + t + " = w.shock[" + t + "][q];");
            line("final double[] in" + t + " = w.injection[" + t + "][q];");
            line("final int[] tr" + t + " = w.triggers[" + t + "][q];");
            line("final boolean ht" + t + " = tr" + t + ".length != 0;");
        }
        for (int r = 0; r < model.reported().size(); r++) {
            line("final double[] r" + r + " = w.reported[" + r + "][q];");
        }
        line("final boolean[] bq = w.breach[q];");
        line("for (int i = 0; i < n; i++) {");
        List<String> finite = new ArrayList<>();
        for (int k = 0; k < model.items().size(); k++) {
            Model.Item item = model.items().get(k);
            line("double v" + k + " = " + expr(item.formula()) + ";");
            int target = model.targets().indexOf(item.name());
            if (target >= 0) {
                // Events move the item right after its formula: shocks, then triggered, then scheduled injections.
                line("v" + k + " = v" + k + " + sh" + target + "[i];");
                line("if (ht" + target + ") { v" + k + " = w.trigger(tr" + target + ", i, v" + k + "); }");
                line("v" + k + " = v" + k + " + in" + target + "[i];");
            }
            if (checked) {
                line("if (!Double.isFinite(v" + k + ")) { throw w.nonFinite(" + k + ", q, i, v" + k + "); }");
            } else {
                finite.add("(v" + k + " - v" + k + ")");
            }
        }
        for (Model.Item item : model.items()) {
            if (item.state()) {
                line("s" + states.get(item.name()) + "[i] = v" + items.get(item.name()) + ";");
            }
        }
        for (int r = 0; r < model.reported().size(); r++) {
            line("r" + r + "[start + i] = v" + items.get(model.reported().get(r)) + ";");
        }
        line("final boolean b = " + expr(model.breach()) + ";");
        line("bq[start + i] = b;");
        line("if (b && fb[i] == 0) { fb[i] = q + 1; }");
        if (!checked) {
            // x - x is 0 for a finite x and NaN otherwise: one sum says whether any item of the path went bad.
            line("bad |= " + String.join(" + ", finite) + " != 0.0;");
        }
        line("}");
        line("}");
        if (!checked) {
            line("if (bad) { w.nonFinite = true; }");
        }
    }

    /** The Java expression of a formula: names as indexes, numbers as literals, operators from a fixed list. */
    private String expr(Expr expr) {
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
                return ModelCompiler.this.call(call);
            }
        });
    }

    private static String literal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("a formula's number is not finite: " + value);
        }
        return "(" + Double.toString(value) + ")";
    }

    private String reference(String name) {
        int driver = model.drivers().indexOf(name);
        if (driver >= 0) {
            return "d" + driver + "[i]";
        }
        Integer item = items.get(name);
        if (item != null) {
            return "v" + item;
        }
        int column = model.scheduleColumns().indexOf(name);
        if (column >= 0) {
            return "c" + column;
        }
        for (int s = 0; s < model.series().size(); s++) {
            if (model.series().get(s).name().equals(name)) {
                return "z" + s + "[i]";
            }
        }
        if (name.equals(Model.QUARTER)) {
            return "quarter";
        }
        throw new IllegalStateException("a checked model names something unknown: " + name);
    }

    private String call(Expr.Call call) {
        List<Expr> args = call.args();
        return switch (call.name()) {
            case "if" -> "(" + expr(args.get(0)) + " ? " + expr(args.get(1)) + " : " + expr(args.get(2)) + ")";
            case "min", "max" -> {
                String result = expr(args.get(0));
                for (int a = 1; a < args.size(); a++) {
                    result = "Math." + call.name() + "(" + result + ", " + expr(args.get(a)) + ")";
                }
                yield result;
            }
            case "abs", "exp", "log", "sqrt" -> "Math." + call.name() + "(" + expr(args.get(0)) + ")";
            case "pow" -> "Math.pow(" + expr(args.get(0)) + ", " + expr(args.get(1)) + ")";
            case "prev" -> "s" + states.get(((Expr.Ref) args.get(0)).name()) + "[i]";
            case "lag" -> "dev.runway.sim.WalkState.lag(col" + model.scheduleColumns().indexOf(
                    ((Expr.Ref) args.get(0)).name()) + ", q, " + expr(args.get(1)) + ")";
            default -> throw new IllegalStateException("a checked model calls an unknown function: " + call.name());
        };
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
