package dev.runway.run;

import dev.runway.model.CaseInputs;
import dev.runway.model.InputException;
import dev.runway.output.ShellCommand;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The input folder of a run and how it is read, declared once for every command that reads one
 * (the command line's and Spark's job): a picocli mixin, with the way every one of them reports
 * bad inputs.
 */
public final class InputOptions {
    @Option(names = "--inputs", paramLabel = "DIR", defaultValue = "inputs/nissan",
            description = "Input folder with scenarios.csv, drivers.csv, schedule.csv, and optionally events.csv "
                + "and correlations.csv (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--repair-correlations",
            description = "If a scenario's correlations cannot hold together (their matrix is not positive definite), "
                + "use the nearest matrix that is, and say how far it moved, instead of stopping with an error.")
    boolean repairCorrelations;

    public Path folder() {
        return folder;
    }

    public boolean repairCorrelations() {
        return repairCorrelations;
    }

    /**
     * The inputs, read and checked as every run reads them ({@link RunInputs#read}), after a note on
     * {@code err} for each scenario whose correlations were repaired; or null after printing every
     * problem and that nothing was written.
     *
     * @param runway what to type to run Runway's command line, to print the {@code validate} that
     *               checks the inputs without running; null where there is none to paste (Spark)
     */
    public CaseInputs read(PrintWriter err, String runway) {
        try {
            // What a run would find before its first draw is found here, so validate and every run agree.
            CaseInputs inputs = RunInputs.read(folder, repairCorrelations);
            RunInputs.repairNotes(inputs).forEach(err::println);
            err.flush();
            return inputs;
        } catch (InputException e) {
            err.println("error: the inputs in " + folder + " have " + e.errors().size() + " problem(s):");
            e.lines().forEach(err::println);
            err.println("Nothing was written." + (runway == null ? "" : " Fix the rows above; this checks them without "
                    + "running: " + runway + " validate --inputs " + ShellCommand.word(folder.toString())
                    + (repairCorrelations ? " --repair-correlations" : "")));
            err.flush();
            return null;
        }
    }
}
