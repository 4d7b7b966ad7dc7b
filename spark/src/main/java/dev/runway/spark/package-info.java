/**
 * {@code runway simulate} with the paths simulated on Apache Spark. {@link dev.runway.spark.SparkRunway}
 * is the {@code runway-spark} job: it parses the same options into a {@link dev.runway.run.RunRequest}
 * and runs it with the engine's {@link dev.runway.run.Runner}. {@link dev.runway.spark.SparkSimulation}
 * is its {@link dev.runway.run.Engine}: blocks of paths run as tasks, each from the seed and its index
 * alone, so the files are byte-identical to a local run's.
 *
 * <p>Depends on: model, sample, sim, stats, report, run; and on Spark and picocli. Never on cli.
 */
package dev.runway.spark;
