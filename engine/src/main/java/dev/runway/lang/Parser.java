package dev.runway.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one formula of the model language into an {@link Expr}. The grammar, loosest first:
 *
 * <pre>
 * formula    = or
 * or         = and { "||" and }
 * and        = comparison { "&amp;&amp;" comparison }
 * comparison = sum [ ("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") sum ]
 * sum        = product { ("+" | "-") product }
 * product    = unary { ("*" | "/") unary }
 * unary      = ("-" | "!") unary | primary
 * primary    = number | name | name "(" [ formula { "," formula } ] ")" | "(" formula ")"
 * </pre>
 *
 * Numbers are plain decimals ({@code 0.5}, {@code 3e2}); names are letters, digits and
 * {@code _}, starting with a letter. Nothing else is accepted: no strings, no dots, no
 * assignments. A formula is parsed into a tree and only the tree is used afterwards, so the text
 * itself is never run or handed to a compiler.
 */
public final class Parser {
    /** Longer formulas are refused: a line item is a line, not a program. */
    public static final int MAX_LENGTH = 4_000;
    /** Deeper nesting is refused, so a pathological formula cannot exhaust the stack. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private Parser(String text) {
        this.text = text;
    }

    /** The tree of a formula, or an exception saying what was expected where. */
    public static Expr parse(String text) throws FormulaException {
        if (text.length() > MAX_LENGTH) {
            throw new FormulaException(MAX_LENGTH, "the formula has " + text.length() + " characters; at most "
                    + MAX_LENGTH + " are allowed (split it into several line items)");
        }
        Parser parser = new Parser(text);
        parser.skipSpace();
        if (parser.pos == text.length()) {
            throw new FormulaException(0, "expected a formula, found an empty cell");
        }
        Expr expr = parser.or();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw new FormulaException(parser.pos, "expected an operator or the end of the formula, found "
                    + parser.describeHere());
        }
        return expr;
    }

    private Expr or() throws FormulaException {
        return leftAssociative(this::and, Expr.Op.OR);
    }

    private Expr and() throws FormulaException {
        return leftAssociative(this::comparison, Expr.Op.AND);
    }

    private Expr comparison() throws FormulaException {
        Expr left = sum();
        skipSpace();
        int at = pos;
        Expr.Op op = take("<=") ? Expr.Op.LE : take(">=") ? Expr.Op.GE : take("==") ? Expr.Op.EQ
                : take("!=") ? Expr.Op.NE : take("<") ? Expr.Op.LT : take(">") ? Expr.Op.GT : null;
        if (op == null) {
            return left;
        }
        Expr result = new Expr.Binary(op, left, sum(), at);
        skipSpace();
        if (pos < text.length() && ("<>".indexOf(text.charAt(pos)) >= 0 || text.startsWith("==", pos)
                || text.startsWith("!=", pos))) {
            throw new FormulaException(pos, "comparisons do not chain (a < b < c); join them with && instead");
        }
        return result;
    }

    private Expr sum() throws FormulaException {
        return leftAssociative(this::product, Expr.Op.ADD, Expr.Op.SUB);
    }

    private Expr product() throws FormulaException {
        return leftAssociative(this::unary, Expr.Op.MUL, Expr.Op.DIV);
    }

    /** One level of the grammar below another, read up to here. */
    @FunctionalInterface
    private interface Level {
        Expr parse() throws FormulaException;
    }

    /** {@code next { op next }}, grouped from the left: the operators of one precedence level. */
    private Expr leftAssociative(Level next, Expr.Op... ops) throws FormulaException {
        Expr left = next.parse();
        while (true) {
            skipSpace();
            int at = pos;
            Expr.Op found = null;
            for (Expr.Op op : ops) {
                if (found == null && take(op.symbol())) {
                    found = op;
                }
            }
            if (found == null) {
                return left;
            }
            left = new Expr.Binary(found, left, next.parse(), at);
        }
    }

    private Expr unary() throws FormulaException {
        skipSpace();
        int at = pos;
        if (++depth > MAX_DEPTH) {
            throw new FormulaException(at, "the formula nests deeper than " + MAX_DEPTH
                    + " levels; split it into several line items");
        }
        try {
            if (pos < text.length() && text.charAt(pos) == '-') {
                pos++;
                Expr operand = unary();
                // A minus before a number is part of the number, so -0.5 stays one literal.
                return operand instanceof Expr.Num num && num.at() == at + 1
                        ? new Expr.Num(-num.value(), at) : new Expr.Unary(Expr.Op.NEG, operand, at);
            }
            if (pos < text.length() && text.charAt(pos) == '!' && !text.startsWith("!=", pos)) {
                pos++;
                return new Expr.Unary(Expr.Op.NOT, unary(), at);
            }
            return primary();
        } finally {
            depth--;
        }
    }

    private Expr primary() throws FormulaException {
        skipSpace();
        int at = pos;
        if (pos >= text.length()) {
            throw new FormulaException(pos, "expected a number, a name or '(', found the end of the formula");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = or();
            expect(')', "')' to close the '(' at column " + (at + 1));
            return inner;
        }
        if (isDigit(c) || c == '.') {
            return number();
        }
        if (isNameStart(c)) {
            String name = name();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                List<Expr> args = new ArrayList<>();
                skipSpace();
                if (!take(")")) {
                    do {
                        args.add(or());
                        skipSpace();
                    } while (take(","));
                    expect(')', "',' or ')' in the arguments of " + name + "(");
                }
                return new Expr.Call(name, args, at);
            }
            return new Expr.Ref(name, at);
        }
        throw new FormulaException(pos, "expected a number, a name or '(', found " + describeHere());
    }

    private Expr number() throws FormulaException {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                throw new FormulaException(mark, "expected the digits of an exponent such as 3e2");
            }
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String literal = text.substring(start, pos);
        if (literal.equals(".") || (pos < text.length() && isNameStart(text.charAt(pos)))) {
            throw new FormulaException(start, "expected a number such as 0.5 or 3e2, found \""
                    + literal + (pos < text.length() ? text.charAt(pos) : "") + "\"");
        }
        double value = Double.parseDouble(literal);
        if (!Double.isFinite(value)) {
            throw new FormulaException(start, "the number " + literal + " is too large for a double");
        }
        return new Expr.Num(value, start);
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** ASCII only, so a name never depends on the platform's idea of a letter. */
    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c) || c == '_';
    }

    /** ASCII digits only: {@code Character.isDigit} also takes other scripts' digits, which no number parser reads. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expect(char c, String what) throws FormulaException {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return;
        }
        throw new FormulaException(pos, "expected " + what + ", found " + describeHere());
    }

    private boolean take(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "the end of the formula";
        }
        int cp = text.codePointAt(pos);
        if (cp < 0x20 || cp == 0x7f || !Character.isDefined(cp) || Character.isISOControl(cp)) {
            return String.format("the character U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
