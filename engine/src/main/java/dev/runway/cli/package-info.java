/**
 * The {@code runway} command line ({@link dev.runway.cli.RunwayCommand}): each command parses its
 * options with picocli, hands the work to the layers below and prints what they found, with exit
 * code 0 for success, 2 for bad inputs or usage and 1 for a failure. {@link dev.runway.cli.SimulateCommand}
 * and {@code sensitivity} give a {@link dev.runway.run.RunRequest} to the {@link dev.runway.run.Runner};
 * {@link dev.runway.cli.ValidateCommand} reads and checks an input folder;
 * {@link dev.runway.cli.SolveCommand} runs the {@link dev.runway.analysis.InjectionSolver} on this
 * machine's threads; {@link dev.runway.cli.ReportCommand} draws an output folder's report again;
 * {@link dev.runway.cli.FitCommand} gives a {@link dev.runway.fit.FitRequest} to the {@link dev.runway.run.FitRunner}.
 *
 * <p>Depends on: model, sample, sim, stats, analysis, fit, output, report, run; and on picocli. The top of the
 * engine: no package imports it.
 */
package dev.runway.cli;
