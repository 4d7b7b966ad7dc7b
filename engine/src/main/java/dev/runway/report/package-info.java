/**
 * The report of an output folder: {@link dev.runway.report.Report} reads the folder's CSV files
 * back through {@link dev.runway.output.OutputFolderReader} and draws the charts
 * ({@link dev.runway.report.Charts}) and the HTML page ({@link dev.runway.report.ReportPage}) from
 * those files alone.
 *
 * <p>Depends on: output (the files it reads, the numbers as they print), analysis (the solver's
 * statuses), stats; and on XChart. Never on run or cli.
 */
package dev.runway.report;
