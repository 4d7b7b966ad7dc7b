/**
 * The model language: {@link dev.runway.lang.Parser} parses one formula of a model file into an
 * immutable syntax tree, an {@link dev.runway.lang.Expr}, whose every node keeps its offset in the
 * formula so a problem found later is reported under the spot ({@link dev.runway.lang.FormulaException}
 * when it does not parse). {@link dev.runway.lang.Names} holds the language's reserved words and the
 * "did you mean" for a misspelled name. Only the tree is used afterwards: the user's text is never
 * run or handed to a compiler.
 *
 * <p>Depends on: no other Runway package and no library. It sits beneath model, whose line items
 * hold its trees.
 */
package dev.runway.lang;
