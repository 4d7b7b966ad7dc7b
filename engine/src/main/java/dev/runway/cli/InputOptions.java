package dev.runway.cli;

import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import dev.runway.sim.Preflight;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
            CaseInputs inputs = InputReader.read(folder, repairCorrelations);
            // What a run would find before its first draw is found here, so validate and every run agree.
            List<InputError> preflight = Preflight.check(inputs);
            if (!preflight.isEmpty()) {
                throw new InputException(preflight);
            }
            for (Scenario scenario : inputs.scenarios()) {
                scenario.copula().repair().ifPresent(repair -> err.printf(Locale.ROOT,
                        "note: the correlations of scenario %s were not positive definite; using the nearest valid "
                                + "matrix (moved %.4f in Frobenius norm, at most %.4f in one entry of the normals' "
                                + "correlations)%n", scenario.name(), repair.frobeniusDistance(),
                        repair.largestChange()));
            }
            err.flush();
            return inputs;
        } catch (InputException e) {
            err.println("error: the inputs in " + folder + " have " + e.errors().size() + " problem(s):");
            e.lines().forEach(err::println);
            err.println("Nothing was written. Fix the rows above; this checks them without running: "
                    + Launcher.command("validate --inputs " + Launcher.shellWord(folder.toString())
                            + (repairCorrelations ? " --repair-correlations" : "")));
            err.flush();
            return null;
        }
    }
}
