/**
 * Reads an input folder into a checked {@link dev.runway.model.CaseInputs}:
 * {@link dev.runway.io.InputReader} reads its drivers, schedule, events, correlations and scenarios
 * (through opencsv), parses and checks its model file or takes the standard model, and resolves
 * every scenario over its parent. Every problem in every file is collected with its file, line and
 * column, so the caller gets either complete inputs or one {@link dev.runway.model.InputException}
 * listing them all. {@link dev.runway.io.HistoryReader} reads a history or actuals file (one
 * reported number per row) the same way. The output files are written and read back by report, not here.
 *
 * <p>Depends on: lang and model (which also says whether a distribution can be drawn,
 * {@link dev.runway.model.Distribution#drawingProblem}); never on sample or anything above it.
 */
package dev.runway.io;
