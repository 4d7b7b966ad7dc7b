package dev.runway.report;

import dev.runway.output.OutputFiles;
import dev.runway.output.OutputFolderReader;
import dev.runway.output.OutputFolderFixture;
import dev.runway.output.OutputFolderReader.RunResults;
import dev.runway.output.OutputFolderReader.Sensitivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.runway.output.OutputFolderFixture.ALPHA;
import static dev.runway.output.OutputFolderFixture.BETA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The charts: every one is a readable PNG and SVG of the stated size, titled with numbers from the CSV files. */
class ChartsTest {

    @TempDir
    Path tmp;

    private Path reportOn(OutputFolderFixture fixture, String name) throws IOException {
        Path out = fixture.writeTo(tmp.resolve(name));
        Report.write(out);
        return out;
    }

    @Test
    void everyChartIsWrittenAsAPngOfTheChartSizeAndAsAnSvgDocument() throws Exception {
        Path charts = reportOn(OutputFolderFixture.withOptionalFiles(), "out").resolve(Report.CHARTS);

        Set<String> expected = Set.of("alpha-fan", "alpha-breach", "alpha-terminal", "alpha-tornado", "beta-fan",
                "beta-breach", "beta-terminal", "scenarios-compare");
        Set<String> written = new HashSet<>();
        try (Stream<Path> files = Files.list(charts)) {
            files.forEach(file -> written.add(file.getFileName().toString()));
        }
        Set<String> expectedFiles = new HashSet<>();
        for (String name : expected) {
            expectedFiles.add(name + ".png");
            expectedFiles.add(name + ".svg");
        }
        assertEquals(expectedFiles, written);
        for (String name : expected) {
            BufferedImage png = ImageIO.read(charts.resolve(name + ".png").toFile());
            assertNotNull(png, name + ".png is not an image ImageIO reads");
            assertEquals(Charts.WIDTH, png.getWidth(), name);
            assertEquals(Charts.HEIGHT, png.getHeight(), name);
            Document svg = parseSvg(charts.resolve(name + ".svg"));
            assertEquals("svg", svg.getDocumentElement().getLocalName(), name);
            assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI(), name);
        }
    }

    @Test
    void theTornadoIsDrawnOnlyForScenariosWithASensitivityFile() throws IOException {
        Path charts = reportOn(OutputFolderFixture.withOptionalFiles(), "out").resolve(Report.CHARTS);

        assertTrue(Files.exists(charts.resolve("alpha-tornado.svg")));
        assertFalse(Files.exists(charts.resolve("beta-tornado.svg")), "beta has no sensitivity.csv");
        assertFalse(Files.exists(charts.resolve("beta-tornado.png")));
    }

    @Test
    void chartTitlesCarryTheNumbersOfSummaryCsv() throws Exception {
        Path out = reportOn(OutputFolderFixture.withOptionalFiles(), "out");
        Path charts = out.resolve(Report.CHARTS);
        // alpha: breach_prob 0.719360 in [0.716567, 0.722136]; terminal P05/P50/P95 -566.987, 589.218, 1820.755.
        String fan = title(charts.resolve("alpha-fan.svg"));
        assertTrue(fan.contains(percent(0.719360) + " (95%: " + String.format(Locale.ROOT, "%.1f", 71.6567) + "–"
                + percent(0.722136) + ")"), fan);
        assertTrue(fan.contains("71.9% (95%: 71.7–72.2%)"), fan);
        String terminal = title(charts.resolve("alpha-terminal.svg"));
        assertTrue(terminal.contains("P05 -567, median 589, P95 1,821"), terminal);
        String breach = title(charts.resolve("beta-breach.svg"));
        assertTrue(breach.contains(percent(0.183930)) && breach.contains("FY2025Q4"), breach);
        String compare = title(charts.resolve("scenarios-compare.svg"));
        assertTrue(compare.contains("18.4% (beta)") && compare.contains("71.9% (alpha)"), compare);
        String tornado = title(charts.resolve("alpha-tornado.svg"));
        assertTrue(tornado.contains("71.9%"), tornado);
    }

    @Test
    void theTornadoShowsDriversWithABreachSwingLargestFirst() throws IOException {
        RunResults results = OutputFolderReader.read(OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve("o")));

        List<String> rows = Charts.tornadoRows(results.scenarios().get(0)).stream().map(Sensitivity::driver).toList();

        // Swings: contribution_margin 0.429, volume_trend 0.322, restructuring_overrun 0.071; the event has no
        // P10/P90 breach probabilities and opening_cash (a constant) moves nothing.
        assertEquals(List.of("contribution_margin", "volume_trend", "restructuring_overrun"), rows);
    }

    @Test
    void sameInputsGiveByteIdenticalCharts() throws IOException {
        Map<String, byte[]> first = files(reportOn(OutputFolderFixture.withOptionalFiles(), "first")
                .resolve(Report.CHARTS));
        Map<String, byte[]> second = files(reportOn(OutputFolderFixture.withOptionalFiles(), "second")
                .resolve(Report.CHARTS));

        assertEquals(first.keySet(), second.keySet());
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), second.get(name), name + " differs between two identical runs");
        }
    }

    @Test
    void aSecondReportRemovesTheChartsTheFolderNoLongerSupports() throws IOException {
        Path out = reportOn(OutputFolderFixture.withOptionalFiles(), "out");
        assertTrue(Files.exists(out.resolve(Report.CHARTS).resolve("alpha-tornado.png")));

        Files.delete(out.resolve(ALPHA).resolve(OutputFiles.SensitivityCsv.SCHEMA.file()));
        Report.write(out);

        assertFalse(Files.exists(out.resolve(Report.CHARTS).resolve("alpha-tornado.png")));
        assertFalse(Files.exists(out.resolve(Report.CHARTS).resolve("alpha-tornado.svg")));
        assertTrue(Files.exists(out.resolve(Report.CHARTS).resolve(BETA + "-fan.svg")));
    }

    @Test
    void axisLabelsSitOnlyAtTheirPositionsAndEveryOtherTickGetsADistinctInvisibleLabel() {
        Function<Double, String> labels = Charts.labelsAt(Map.of(1L, "FY2025Q1", 3L, "FY2025Q3"));

        assertEquals("FY2025Q1", labels.apply(1.0));
        assertEquals("FY2025Q3", labels.apply(3.0));
        // XChart retries wider tick steps until all labels differ, forever if they never do; the unlabelled
        // ticks, inside or far outside the axis, must all differ and draw nothing.
        Set<String> others = new HashSet<>();
        double[] ticks = {-5e6, -1, -0.5, 0, 0.25, 0.5, 2, 2.5, 4, 1e7};
        for (double tick : ticks) {
            String label = labels.apply(tick);
            assertTrue(label.chars().allMatch(c -> c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060),
                    "the label of " + tick + " is visible");
            assertTrue(label.length() > "FY2025Q1".length(), "invisible labels are the longest");
            others.add(label);
        }
        assertEquals(ticks.length, others.size(), "the invisible labels differ");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static Document parseSvg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The SVG must not need a DTD (whose fetching needs a network): a DOCTYPE is an error here.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String title(Path svg) throws Exception {
        Element root = parseSvg(svg).getDocumentElement();
        return root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent();
    }

    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path file : paths.toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
