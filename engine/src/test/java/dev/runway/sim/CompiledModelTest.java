package dev.runway.sim;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The compiled walk of a model written in the input folder, against closed forms. */
class CompiledModelTest {
    private static final int PATHS = 200_000;
    private static Simulation simulation;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        simulation = new Simulation(2);
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    private Scenario model(String... rows) throws InputException {
        Path inputs = InputFolderFixture.minimal()
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER,
                        "base,phi,constant,0.6,,,,,test", "base,sigma,constant,2,,,,,test")
                .file(InputReader.SCHEDULE, "scenario,quarter,label,step", "base,1,Q1,1", "base,2,Q2,2",
                        "base,3,Q3,3", "base,4,Q4,4", "base,5,Q5,5", "base,6,Q6,6")
                .file(InputReader.EVENTS, InputFolderFixture.EVENTS_HEADER)
                .file("model.csv", rows)
                .writeTo(tmp.resolve("inputs"));
        return InputReader.read(inputs).scenarios().get(0);
    }

    /** An AR(1) in two lines: after H quarters from 0 its variance is sigma^2 (1 - phi^2H) / (1 - phi^2). */
    @Test
    void anAutoregressionInTwoLinesHasItsClosedFormVariance() throws InputException {
        Scenario scenario = model("item,formula,initial,unit,source", "z,\"normal(0, 1)\",,,",
                "e,phi * prev(e) + sigma * z,0,,", "breach,e < -100,,,", "report,e,,,");
        PathResults results = simulation.run(scenario, 9L, PATHS, new AtomicLong());
        double[] terminal = results.primaryAt(6);
        double exact = 4 * (1 - Math.pow(0.36, 6)) / (1 - 0.36);
        double variance = new Variance().evaluate(terminal);
        // The sample variance of a normal has a relative standard error of sqrt(2 / (n - 1)).
        assertEquals(exact, variance, 4 * exact * Math.sqrt(2.0 / (PATHS - 1)));
        assertEquals(0.0, new Mean().evaluate(terminal), 4 * Math.sqrt(exact / PATHS));
    }

    /** Schedule columns, lag, quarter, if, min, max, abs, pow, sqrt and prev give their exact values. */
    @Test
    void everyFunctionComputesItsExactValue() throws InputException {
        Scenario scenario = model("item,formula,initial,unit,source",
                "lagged,\"lag(step, 2)\",,,",
                "branch,\"if(quarter >= 3 && !(quarter == 5), 10, -10)\",,,",
                "mixed,\"max(min(step, 4), abs(-2)) + pow(2, 3) + sqrt(16) - exp(0) + log(1)\",,,",
                "total,prev(total) + step / 2,1,,",
                "sum,lagged + branch + mixed + total + 0 * phi * sigma,,,",
                "breach,sum < 0 || quarter > 5,,,", "report,sum,,,");
        PathResults results = simulation.run(scenario, 1L, 4096, new AtomicLong());
        double total = 1;
        for (int q = 1; q <= 6; q++) {
            double lagged = q > 2 ? q - 2 : 0;
            double branch = q >= 3 && q != 5 ? 10 : -10;
            double mixed = Math.max(Math.min(q, 4), 2) + 8 + 4 - 1;
            total += q / 2.0;
            assertEquals(lagged + branch + mixed + total, results.primaryAt(q)[17], 0.0, "quarter " + q);
            assertEquals(q > 5 || lagged + branch + mixed + total < 0, results.breachAt(q)[17], "quarter " + q);
        }
    }
}
