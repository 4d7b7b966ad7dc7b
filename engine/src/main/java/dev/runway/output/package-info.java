/**
 * A run's output folder, its files described once. {@link dev.runway.output.OutputFiles} holds
 * each CSV's schema (its name, and each column's name and format), which both
 * {@link dev.runway.output.ResultWriter} (writing, with the manifest's {@link dev.runway.output.RunInfo})
 * and {@link dev.runway.output.OutputFolderReader} (reading back) use; {@link dev.runway.output.Numbers}
 * is how every number is written, in the files and on screen; {@link dev.runway.output.OutputFolder}
 * publishes a folder all at once, with its {@link dev.runway.output.FileRecord};
 * {@link dev.runway.output.ShellCommand} writes a Runway command as a hint prints it;
 * {@link dev.runway.output.FitWriter} writes what {@code runway fit} found.
 *
 * <p>Depends on: lang, model, sample, sim, stats, analysis, fit (the results it writes); and on opencsv.
 * Never on report, run or cli.
 */
package dev.runway.output;
