/**
 * A run's output folder. {@link dev.runway.report.ResultWriter} writes its CSV files (the summary,
 * the manifest with its {@link dev.runway.report.RunInfo}, each scenario's quarterly and terminal
 * files, the sensitivity and the solve); {@link dev.runway.report.OutputFolder} publishes them all
 * at once, with their {@link dev.runway.report.FileRecord}; {@link dev.runway.report.OutputFolderReader}
 * reads them back; and {@link dev.runway.report.Report} draws the charts and the HTML page from those
 * files alone. {@link dev.runway.report.ShellCommand} writes a Runway command as a hint prints it.
 *
 * <p>Depends on: lang, model, sample, sim, stats, analysis (the results it writes); and on opencsv
 * and XChart. Never on run or cli.
 */
package dev.runway.report;
