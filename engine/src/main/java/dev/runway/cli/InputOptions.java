package dev.runway.cli;

import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The {@code --inputs} option and the way every command reports bad inputs. */
final class InputOptions {
    @Option(names = "--inputs", paramLabel = "DIR", defaultValue = "inputs/nissan",
            description = "Input folder with scenarios.csv, drivers.csv, schedule.csv, and optionally events.csv "
                + "and correlations.csv (default: ${DEFAULT-VALUE}).")
    Path folder;

    /** The resolved inputs, or null after printing every error to {@code err}. */
    CaseInputs read(PrintWriter err) {
        try {
            return InputReader.read(folder);
        } catch (InputException e) {
            err.println("error: the inputs in " + folder + " have " + e.errors().size() + " problem(s):");
            for (InputError error : e.errors()) {
                err.println("  " + error);
            }
            err.println("Nothing was written. Fix the rows above; 'runway validate --inputs " + folder
                    + "' checks them without running.");
            err.flush();
            return null;
        }
    }
}
