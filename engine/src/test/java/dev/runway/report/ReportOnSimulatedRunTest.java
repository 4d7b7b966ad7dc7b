package dev.runway.report;

import com.opencsv.CSVReader;
import dev.runway.cli.ReportCommand;
import dev.runway.cli.RunwayCommand;
import dev.runway.io.InputFolderFixture;
import dev.runway.io.InputReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of a real run: the shipped Nissan inputs simulated in-process by the command line
 * (2,000 paths per scenario), then {@code runway report} on the folder it wrote.
 */
class ReportOnSimulatedRunTest {

    @TempDir
    static Path tmp;
    private static Path run;

    @BeforeAll
    static void simulateTheNissanCase() {
        run = tmp.resolve("nissan");
        CommandLine simulate = RunwayCommand.commandLine();
        simulate.setOut(new PrintWriter(new StringWriter()));
        StringWriter err = new StringWriter();
        simulate.setErr(new PrintWriter(err));
        int exit = simulate.execute("simulate", "--inputs", "../inputs/nissan", "--out", run.toString(), "--paths",
                "2000");
        assertEquals(0, exit, err.toString());
    }

    @Test
    void theReportCommandWritesThePageAndSaysWhereItIs() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine report = new CommandLine(new ReportCommand());
        report.setOut(new PrintWriter(out));

        int exit = report.execute("--out", run.toString());

        assertEquals(0, exit);
        assertTrue(out.toString().contains(run.resolve(Report.PAGE).toString()), out.toString());
        assertTrue(out.toString().contains("file:"), "a link to open: " + out);
        Document page = ReportPageTest.parse(run.resolve(Report.PAGE));
        List<String[]> summary = summaryRows();
        List<Element> sections = ReportPageTest.scenarioSections(page);
        assertEquals(summary.size(), sections.size());
        for (int i = 0; i < summary.size(); i++) {
            String scenario = summary.get(i)[0];
            String breach = ReportPageTest.percent(Double.parseDouble(summary.get(i)[7]));
            assertEquals("scenario-" + scenario, sections.get(i).getAttribute("id"));
            assertTrue(sections.get(i).getTextContent().contains(breach), scenario + " lacks its breach probability "
                    + breach);
            for (String kind : List.of(Charts.FAN, Charts.BREACH, Charts.TERMINAL)) {
                Path png = run.resolve(Report.CHARTS).resolve(Charts.name(scenario, kind) + ".png");
                assertNotNull(ImageIO.read(png.toFile()), png.toString());
                assertTrue(Files.exists(png.resolveSibling(Charts.name(scenario, kind) + ".svg")));
            }
        }
        assertTrue(Files.exists(run.resolve(Report.CHARTS).resolve(Charts.COMPARISON + ".svg")));
    }

    @Test
    void theReportCommandRefusesAFolderThatIsNotARunwayOutput() {
        StringWriter err = new StringWriter();
        CommandLine report = new CommandLine(new ReportCommand());
        report.setErr(new PrintWriter(err));

        int exit = report.execute("--out", tmp.resolve("nothing-here").toString());

        assertEquals(RunwayCommand.INPUT_ERROR, exit);
        assertTrue(err.toString().contains("first run: runway simulate --out "), err.toString());
    }

    @Test
    void aRunWhosePathsAllAgreeStillGetsEveryChart() throws Exception {
        // Every driver constant and no volume noise: one cash path, a histogram of one value, no breach.
        Path inputs = InputFolderFixture.minimal().replace(InputReader.DRIVERS, "base,volume_volatility,",
                "base,volume_volatility,constant,0,,,,log change,test").writeTo(tmp.resolve("flat-inputs"));
        Path out = tmp.resolve("flat");
        CommandLine simulate = RunwayCommand.commandLine();
        simulate.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, simulate.execute("simulate", "--inputs", inputs.toString(), "--out", out.toString(),
                "--paths", "100"));

        Report.write(out);

        for (String kind : List.of(Charts.FAN, Charts.BREACH, Charts.TERMINAL)) {
            Path png = out.resolve(Report.CHARTS).resolve(Charts.name("base", kind) + ".png");
            assertNotNull(ImageIO.read(png.toFile()), png.toString());
        }
        Element section = ReportPageTest.scenarioSections(ReportPageTest.parse(out.resolve(Report.PAGE))).get(0);
        assertTrue(section.getTextContent().contains("breach probability0%"), "a breach probability of 0");
    }

    @Test
    void withTheExplanationThePageTellsEveryScenariosMostLikelyBreach() throws Exception {
        Path explained = tmp.resolve("nissan-explained");
        CommandLine simulate = RunwayCommand.commandLine();
        simulate.setOut(new PrintWriter(new StringWriter()));
        StringWriter err = new StringWriter();
        simulate.setErr(new PrintWriter(err));
        assertEquals(0, simulate.execute("simulate", "--explain", "--report", "--inputs", "../inputs/nissan", "--out",
                explained.toString(), "--paths", "2000"), err.toString());

        Element section = ReportPageTest.byId(ReportPageTest.parse(explained.resolve(Report.PAGE)), "explain");
        List<String[]> rows;
        try (Reader in = Files.newBufferedReader(explained.resolve("explain_summary.csv"));
                CSVReader csv = new CSVReader(in)) {
            rows = csv.readAll();
        }
        assertEquals("sentence", rows.get(0)[9]);
        assertEquals(summaryRows().size(), rows.size() - 1, "every scenario is explained");
        for (String[] row : rows.subList(1, rows.size())) {
            String sentence = row[9];
            assertFalse(sentence.isEmpty(), row[0] + " has a most likely breach");
            assertTrue(section.getTextContent().contains(sentence), row[0] + "'s sentence is on the page: " + sentence);
            Path chart = explained.resolve(Report.CHARTS).resolve(Charts.name(row[0], Charts.EXPLAIN) + ".png");
            assertNotNull(ImageIO.read(chart.toFile()), chart.toString());
        }
    }

    /** summary.csv's rows without the header, read independently of the report's reader. */
    private static List<String[]> summaryRows() throws Exception {
        try (Reader in = Files.newBufferedReader(run.resolve("summary.csv")); CSVReader csv = new CSVReader(in)) {
            List<String[]> rows = csv.readAll();
            assertEquals("breach_prob", rows.get(0)[7]);
            return rows.subList(1, rows.size());
        }
    }
}
