package dev.runway.run;

import dev.runway.io.InputReader;
import dev.runway.model.CaseInputs;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import dev.runway.sim.Preflight;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An input folder read and checked the way every run reads it, before its first draw. */
public final class RunInputs {
    private RunInputs() {
    }

    /**
     * The resolved inputs, checked by the pre-flight too, so a doomed run fails before any work.
     *
     * @throws InputException with every problem found
     */
    public static CaseInputs read(Path folder, boolean repairCorrelations) throws InputException {
        CaseInputs inputs = InputReader.read(folder, repairCorrelations);
        List<InputError> preflight = Preflight.check(inputs);
        if (!preflight.isEmpty()) {
            throw new InputException(preflight);
        }
        return inputs;
    }

    /** A note per scenario whose correlations were repaired, saying how far they moved. */
    public static List<String> repairNotes(CaseInputs inputs) {
        List<String> notes = new ArrayList<>();
        for (Scenario scenario : inputs.scenarios()) {
            scenario.copula().repair().ifPresent(repair -> notes.add(String.format(Locale.ROOT,
                    "note: the correlations of scenario %s were not positive definite; using the nearest valid "
                            + "matrix (moved %.4f in Frobenius norm, at most %.4f in one entry of the normals' "
                            + "correlations)", scenario.name(), repair.frobeniusDistance(), repair.largestChange())));
        }
        return notes;
    }
}
