package dev.runway.cli;

import dev.runway.model.CaseInputs;
import dev.runway.model.InputException;
import dev.runway.output.ShellCommand;
import dev.runway.run.RunInputs;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The {@code --inputs} option and the way every command reports bad inputs. */
final class InputOptions {
    @Option(names = "--inputs", paramLabel = "DIR", defaultValue = "inputs/nissan",
            description = "Input folder with scenarios.csv, drivers.csv, schedule.csv, and optionally events.csv "
                + "and correlations.csv (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--repair-correlations",
            description = "If a scenario's correlations cannot hold together (their matrix is not positive definite), "
                + "use the nearest matrix that is, and say how far it moved, instead of stopping with an error.")
    boolean repairCorrelations;

    /** The resolved inputs, or null after printing every error to {@code err}. */
    CaseInputs read(PrintWriter err) {
        try {
            // What a run would find before its first draw is found here, so validate and every run agree.
            CaseInputs inputs = RunInputs.read(folder, repairCorrelations);
            RunInputs.repairNotes(inputs).forEach(err::println);
            err.flush();
            return inputs;
        } catch (InputException e) {
            err.println("error: the inputs in " + folder + " have " + e.errors().size() + " problem(s):");
            e.lines().forEach(err::println);
            err.println("Nothing was written. Fix the rows above; this checks them without running: "
                    + Launcher.command("validate --inputs " + ShellCommand.word(folder.toString())
                            + (repairCorrelations ? " --repair-correlations" : "")));
            err.flush();
            return null;
        }
    }
}
