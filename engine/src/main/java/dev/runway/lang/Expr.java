package dev.runway.lang;

import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * A formula of the model language as a syntax tree. Every node keeps the character offset where it
 * starts in its formula, so a problem found later (an unknown name, a wrong number of arguments)
 * is reported under the exact spot. Trees are immutable and built only by {@link Parser}.
 */
public sealed interface Expr extends Serializable {

    /** Where the node starts, 0-based, in the formula's text. */
    int at();

    /** Hands the node to the visitor's method for its kind. */
    <R> R accept(Visitor<R> visitor);

    /** Calls {@code action} on this node and every node below it, parents before children, left to right. */
    default void forEachNode(Consumer<Expr> action) {
        action.accept(this);
        if (this instanceof Unary unary) {
            unary.operand().forEachNode(action);
        } else if (this instanceof Binary binary) {
            binary.left().forEachNode(action);
            binary.right().forEachNode(action);
        } else if (this instanceof Call call) {
            call.args().forEach(arg -> arg.forEachNode(action));
        }
    }

    /** One method per kind of node, so a new kind fails to compile until every visitor handles it. */
    interface Visitor<R> {
        R num(Num num);

        R ref(Ref ref);

        R unary(Unary unary);

        R binary(Binary binary);

        R call(Call call);
    }

    /** A number written in the formula. */
    record Num(double value, int at) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.num(this);
        }
    }

    /** A name: a driver, a schedule column, a line item, a random series or {@code quarter}. */
    record Ref(String name, int at) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.ref(this);
        }
    }

    /** {@code -x} or {@code !x}. */
    record Unary(Op op, Expr operand, int at) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unary(this);
        }
    }

    /** {@code a op b}. */
    record Binary(Op op, Expr left, Expr right, int at) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.binary(this);
        }
    }

    /** {@code name(arg, ...)}: a function of {@link Function}, {@code prev}, {@code lag} or a distribution. */
    record Call(String name, List<Expr> args, int at) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.call(this);
        }
    }

    /** The operators, with the Java operator each one compiles to. */
    enum Op {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"),
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="),
        AND("&&"), OR("||"), NOT("!"), NEG("-");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** True for the operators whose value is a condition (true or false) rather than a number. */
        public boolean logical() {
            return switch (this) {
                case LT, LE, GT, GE, EQ, NE, AND, OR, NOT -> true;
                case ADD, SUB, MUL, DIV, NEG -> false;
            };
        }
    }
}
