package dev.runway.lang;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grammar's precedence and grouping, and where a formula that does not parse goes wrong. */
class ParserTest {

    /** The tree written back fully parenthesized, to compare shapes. */
    private static String shape(String formula) throws FormulaException {
        return write(Parser.parse(formula));
    }

    private static String write(Expr expr) {
        return expr.accept(new Expr.Visitor<String>() {
            @Override
            public String num(Expr.Num num) {
                return Double.toString(num.value());
            }

            @Override
            public String ref(Expr.Ref ref) {
                return ref.name();
            }

            @Override
            public String unary(Expr.Unary unary) {
                return "(" + unary.op().symbol() + write(unary.operand()) + ")";
            }

            @Override
            public String binary(Expr.Binary binary) {
                return "(" + write(binary.left()) + binary.op().symbol() + write(binary.right()) + ")";
            }

            @Override
            public String call(Expr.Call call) {
                StringBuilder text = new StringBuilder(call.name()).append('[');
                call.args().forEach(arg -> text.append(write(arg)).append(';'));
                return text.append(']').toString();
            }
        });
    }

    @Test
    void operatorsGroupFromTheLeftAndBindAsInArithmetic() throws FormulaException {
        assertEquals("((a-b)-c)", shape("a - b - c"));
        assertEquals("((a/b)*c)", shape("a / b * c"));
        assertEquals("(a+(b*c))", shape("a + b * c"));
        assertEquals("(a||(b&&c))", shape("a || b && c"));
        assertEquals("((a+b)<(c*2.0))", shape("a + b < c * 2"));
        assertEquals("(-2.0*x)", shape("-2 * x"));
        assertEquals("(-x)", shape("- x"));
        assertEquals("(!(a<b))", shape("!(a < b)"));
        assertEquals("if[(q>=3.0);max[a;b;c;];0.5;]", shape("if(q >= 3, max(a, b, c), .5)"));
    }

    @Test
    void aFormulaThatDoesNotParseSaysWhatWasExpectedAndWhere() {
        FormulaException operand = assertThrows(FormulaException.class, () -> Parser.parse("1 + * 2"));
        assertEquals(4, operand.at());
        assertTrue(operand.getMessage().startsWith("expected a number, a name or '('"), operand.getMessage());
        FormulaException chain = assertThrows(FormulaException.class, () -> Parser.parse("a < b < c"));
        assertTrue(chain.getMessage().contains("comparisons do not chain"), chain.getMessage());
        FormulaException open = assertThrows(FormulaException.class, () -> Parser.parse("max(a, b"));
        assertEquals(8, open.at());
        FormulaException deep = assertThrows(FormulaException.class,
                () -> Parser.parse("(".repeat(100) + "1" + ")".repeat(100)));
        assertTrue(deep.getMessage().contains("nests deeper than"), deep.getMessage());
    }

    @Test
    void digitsOfOtherScriptsAreNotNumbers() {
        // Character.isDigit takes Arabic-Indic digits; Double.parseDouble does not (found by the input fuzz test).
        FormulaException arabic = assertThrows(FormulaException.class, () -> Parser.parse("\u0661\u0662 + 1"));
        assertEquals(0, arabic.at());
        assertThrows(FormulaException.class, () -> Parser.parse("1e\u0662"));
    }
}
