package dev.runway.sim;

import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.NonFiniteValueException;
import dev.runway.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A value that stops being finite in a run is reported at the input cell it traces to: a driver's
 * row, a schedule cell, an event's row, not always "a driver". The runs here go straight to the
 * kernel, without the pre-flight that would find these inputs first.
 */
class PathTraceTest {
    @TempDir
    Path tmp;

    private NonFiniteValueException run(InputFolderFixture folder) throws InputException {
        Path inputs = folder.writeTo(tmp.resolve("inputs"));
        Scenario scenario = InputReader.read(inputs).scenarios().get(0);
        try (Simulation simulation = new Simulation(1)) {
            return assertThrows(NonFiniteValueException.class,
                    () -> simulation.run(scenario, 7L, 1000, new AtomicLong()));
        }
    }

    private InputError cell(NonFiniteValueException e, String file, int line, String column) {
        InputError cell = e.cell().orElseThrow(() -> new AssertionError("no cell in " + e.getMessage()));
        assertEquals(tmp.resolve("inputs").resolve(file).toString(), cell.file(), cell::toString);
        assertEquals(line, cell.line(), cell::toString);
        assertEquals(column, cell.column(), cell::toString);
        return cell;
    }

    @Test
    void anOverflowFromAScheduleCellIsReportedAtThatCell() throws InputException {
        InputFolderFixture folder = InputFolderFixture.minimal()
                .file(InputReader.SCHEDULE, InputFolderFixture.SCHEDULE_HEADER + ",rate",
                        "base,1,Q1,500,50,10,5,20,30,0.01", "base,2,Q2,500,50,10,5,20,30,800")
                .file(InputReader.MODEL, "item,formula,initial,unit,source",
                        "cash,prev(cash) + revenue - fixed_costs,opening_cash,JPY bn,",
                        "revenue,base_revenue * exp(rate + volume_trend),,JPY bn,",
                        "breach,cash < min_liquidity,,,", "report,cash,,,")
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER,
                        "base,opening_cash,constant,1000,,,,JPY bn,test",
                        "base,min_liquidity,constant,100,,,,JPY bn,test",
                        "base,volume_trend,normal,0,0.01,,,log change,test");

        NonFiniteValueException e = run(folder);

        InputError cell = cell(e, InputReader.SCHEDULE, 3, "rate");
        assertTrue(cell.message().startsWith("scenario base: revenue is +infinity in quarter 2 (Q2) on path 0: "),
                cell::message);
        assertTrue(cell.message().contains("the input most likely responsible is the schedule's rate in quarter 2 "
                + "(Q2), 800."), cell::message);
    }

    @Test
    void anOverflowFromAnEventAmountIsReportedAtTheEventsRow() throws InputException {
        // The standard model: growth = exp(volume), and a volume shock of 800 in quarter 2.
        InputFolderFixture folder = InputFolderFixture.minimal()
                .append(InputReader.EVENTS, "base,boom,volume_shock,1,constant,800,,,,2,2,,src");

        NonFiniteValueException e = run(folder);

        InputError cell = cell(e, InputReader.EVENTS, 2, "distribution");
        assertTrue(cell.message().startsWith("scenario base: growth is +infinity in quarter 2 (Q2) on path 0: "),
                cell::message);
        assertTrue(cell.message().contains("the input most likely responsible is the amount of event boom, which is "
                + "800 (constant(800.0))."), cell::message);
    }

    @Test
    void anOverflowFromATriggeredInjectionIsReportedAtItsRow() throws InputException {
        // An injection into level fires when level is below 1, and exp(level) overflows from then on.
        InputFolderFixture folder = InputFolderFixture.minimal()
                .file(InputReader.MODEL, "item,formula,initial,unit,source",
                        "cash,prev(cash) + base_revenue * growth - fixed_costs,opening_cash,JPY bn,",
                        "level,prev(level) + volume_trend,0,,",
                        "growth,exp(level),,,",
                        "breach,cash < min_liquidity,,,", "report,cash,,,")
                .file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER,
                        "base,opening_cash,constant,1000,,,,JPY bn,test",
                        "base,min_liquidity,constant,100,,,,JPY bn,test",
                        "base,volume_trend,normal,0,0.01,,,log change,test")
                .file(InputReader.EVENTS, InputFolderFixture.EVENTS_HEADER + ",target",
                        "base,other,injection,1,constant,1,,,,1,2,,src,cash",
                        "base,lift,injection,1,constant,800,,,,2,2,1,src,level");

        NonFiniteValueException e = run(folder);

        InputError cell = cell(e, InputReader.EVENTS, 3, "distribution");
        assertTrue(cell.message().startsWith("scenario base: growth is +infinity in quarter 2 (Q2) on path 0: "),
                cell::message);
        assertTrue(cell.message().contains("the amount of event lift, which is 800"), cell::message);
    }

    @Test
    void anOverflowFromADriverIsReportedAtTheDriversRowForTheScenario() throws InputException {
        InputFolderFixture folder = InputFolderFixture.minimal()
                .append(InputReader.SCENARIOS, "kid,base,a child with its own trend")
                .append(InputReader.DRIVERS, "kid,volume_trend,normal,0,1000,,,log change,test");
        Path inputs = folder.writeTo(tmp.resolve("inputs"));
        Scenario kid = InputReader.read(inputs).scenario("kid").orElseThrow();

        NonFiniteValueException e;
        try (Simulation simulation = new Simulation(1)) {
            e = assertThrows(NonFiniteValueException.class, () -> simulation.run(kid, 7L, 1000, new AtomicLong()));
        }

        InputError cell = cell(e, InputReader.DRIVERS, 12, "distribution");
        assertTrue(cell.message().contains("the input most likely responsible is the driver volume_trend, which drew "),
                cell::message);
    }
}
