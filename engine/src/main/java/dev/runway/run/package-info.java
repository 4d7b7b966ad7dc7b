/**
 * One way to run a simulation, whoever asks for it: the input folder read and checked
 * ({@link dev.runway.run.InputOptions}, {@link dev.runway.run.RunInputs}), a validated
 * {@link dev.runway.run.RunRequest} (every option check), a {@link dev.runway.run.RunPlan} (the checks
 * against the inputs, exact or streaming statistics, the analyses' path counts, the memory), and a
 * {@link dev.runway.run.Runner} (simulate, statistics, analyses, publish) on an
 * {@link dev.runway.run.Engine}: this machine's threads or a cluster's. A {@code solve} alone goes the
 * same way, through a {@link dev.runway.run.SolveRequest} and a {@link dev.runway.run.SolvePlan}. The
 * command line's {@code simulate}, {@code backtest}, {@code sensitivity} and {@code solve} and the Spark
 * job only parse options and print. {@link dev.runway.run.FitRunner} runs {@code runway fit} the same
 * way: read, fit, publish.
 *
 * <p>Depends on: lang (the "did you mean" of a usage error), model, io, sample, sim, stats, analysis, fit,
 * output and report; and on picocli for the shared options and usage errors. Never on cli.
 */
package dev.runway.run;
