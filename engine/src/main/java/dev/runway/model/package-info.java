/**
 * What a company's cash model and its scenarios are, as immutable values checked when built: the
 * {@link dev.runway.model.Model} (line items, random series, breach rule), each
 * {@link dev.runway.model.Scenario} (its drivers' {@link dev.runway.model.Distribution}s, its
 * {@link dev.runway.model.Schedule} of quarterly amounts, its {@link dev.runway.model.Event}s and its
 * {@link dev.runway.model.Copula}), and everything read from one input folder,
 * {@link dev.runway.model.CaseInputs}; and a company's reported {@link dev.runway.model.History} by
 * {@link dev.runway.model.FiscalQuarter}. It also says how a problem is reported: an
 * {@link dev.runway.model.InputError} with its file, line and column, all of them in one
 * {@link dev.runway.model.InputException}, and a {@link dev.runway.model.NonFiniteValueException}
 * when a value goes infinite on some path. A distribution also knows whether it can be drawn: the
 * {@link dev.runway.model.QuantileTable} that beta, PERT and Student's t are drawn through is built
 * here, so reading the inputs can refuse one whose table cannot be solved. Nothing here reads a file
 * or draws a number.
 *
 * <p>Depends on: lang (a model's formulas are syntax trees), and on EJML for the correlation
 * matrices and commons-math3 for the quantile tables. The bottom of the engine with lang: every
 * other package may use it.
 */
package dev.runway.model;
