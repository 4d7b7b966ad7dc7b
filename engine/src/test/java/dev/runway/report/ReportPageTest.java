package dev.runway.report;

import dev.runway.output.OutputFolderFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.runway.output.OutputFolderFixture.ALPHA_DESCRIPTION;
import static dev.runway.output.OutputFolderFixture.BETA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report.html}: well-formed XHTML that needs no network, with a section per scenario
 * and the numbers of the CSV files, including the optional ones when they are there.
 */
class ReportPageTest {
    static final String XHTML = "http://www.w3.org/1999/xhtml";

    @TempDir
    Path tmp;

    private Document report(OutputFolderFixture fixture) throws Exception {
        Path out = fixture.writeTo(tmp.resolve("out"));
        Report.write(out);
        return parse(out.resolve(Report.PAGE));
    }

    @Test
    void thePageIsWellFormedXhtmlWithOneSectionPerScenario() throws Exception {
        Document page = report(OutputFolderFixture.withOptionalFiles());

        assertEquals("html", page.getDocumentElement().getLocalName());
        assertEquals(XHTML, page.getDocumentElement().getNamespaceURI());
        List<Element> sections = scenarioSections(page);
        assertEquals(List.of("scenario-alpha", "scenario-beta"), sections.stream().map(s -> s.getAttribute("id"))
                .toList());
        String raw = Files.readString(tmp.resolve("out").resolve(Report.PAGE), StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("<!DOCTYPE html>\n"), "HTML5 doctype first");
        assertFalse(raw.contains("<?xml"), "no XML prolog inside the page");
        assertFalse(raw.contains("<!DOCTYPE svg"), "the inline SVGs lost their DOCTYPE");
    }

    @Test
    void thePageReferencesNothingOnTheNetwork() throws Exception {
        Document page = report(OutputFolderFixture.withOptionalFiles());

        for (String tag : List.of("script", "link", "img", "iframe", "object", "embed")) {
            assertEquals(0, page.getElementsByTagNameNS("*", tag).getLength(), "a <" + tag + "> element");
        }
        NodeList all = page.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                boolean namespace = attribute.getName().equals("xmlns") || attribute.getName().startsWith("xmlns:");
                if (!namespace) {
                    assertFalse(attribute.getValue().matches("(?is).*(https?:|//|url\\(\\s*['\"]?[a-z]+:).*"),
                            "<" + all.item(i).getNodeName() + " " + attribute.getName() + "=\"" + attribute.getValue()
                                    + "\"> reaches outside the page");
                }
            }
        }
        String raw = Files.readString(tmp.resolve("out").resolve(Report.PAGE), StandardCharsets.UTF_8);
        Matcher http = Pattern.compile("https?://").matcher(raw);
        while (http.find()) {
            String before = raw.substring(Math.max(0, http.start() - 13), http.start());
            assertTrue(before.endsWith("xmlns=\"") || before.endsWith("xmlns:xlink=\""),
                    "an http(s) reference that is not a namespace: ..." + raw.substring(Math.max(0, http.start() - 40),
                            Math.min(raw.length(), http.end() + 40)));
        }
    }

    @Test
    void eachSectionCarriesItsScenariosBreachProbabilityFromSummaryCsv() throws Exception {
        Document page = report(OutputFolderFixture.withOptionalFiles());

        // breach_prob of summary.csv: alpha 0.719360 [0.716567, 0.722136], beta 0.183930 [0.181541, 0.186343].
        List<Element> sections = scenarioSections(page);
        assertTrue(sections.get(0).getTextContent().contains(percent(0.719360)));
        assertTrue(sections.get(0).getTextContent().contains("71.7–72.2%"));
        assertTrue(sections.get(1).getTextContent().contains(percent(0.183930)));
        assertTrue(sections.get(1).getTextContent().contains("18.2–18.6%"));
        String summary = byId(page, "summary").getTextContent();
        for (String number : List.of("71.9%", "18.4%", "FY2025Q3", "FY2025Q4", "-567", "1,821", "403")) {
            assertTrue(summary.contains(number), "the summary table lacks " + number);
        }
        assertTrue(sections.get(0).getTextContent().contains(ALPHA_DESCRIPTION), "the description, unescaped as text");
    }

    @Test
    void solveAndSensitivityResultsAppearWhenTheirFilesArePresent() throws Exception {
        Document page = report(OutputFolderFixture.withOptionalFiles());
        List<Element> sections = scenarioSections(page);
        String alpha = sections.get(0).getTextContent();

        // solve.csv: alpha, quarter 1, target 0.05 -> 1234.5 bn in [1210.0, 1260.2].
        assertTrue(alpha.contains("An up-front injection of 1,235 at FY2025Q1 keeps the breach probability at or "
                + "under 5% (95% interval 1,210–1,260)"), alpha);
        assertTrue(alpha.contains("No up-front injection at FY2025Q1 within the solver's range keeps the breach "
                + "probability at or under 1%"), alpha);
        assertTrue(sections.get(1).getTextContent().contains("already at or under 20%"));
        Element table = first(sections.get(0), "table", "sensitivity");
        assertNotNull(table, "alpha's sensitivity table");
        assertTrue(table.getTextContent().contains("contribution_margin"));
        assertTrue(table.getTextContent().contains("event:tariff_bill"));
        assertNotNull(byId(page, "chart-alpha-tornado"), "alpha's tornado is on the page");
    }

    @Test
    void withoutASensitivityFileTheTornadoIsSkippedAndThePageSaysSo() throws Exception {
        Document page = report(OutputFolderFixture.withOptionalFiles());
        Element beta = scenarioSections(page).get(1);

        assertNull(byId(page, "chart-beta-tornado"));
        Element note = first(beta, "p", "note tornado-skipped");
        assertNotNull(note, "beta's section says why there is no tornado");
        assertTrue(note.getTextContent().contains(BETA + "/sensitivity.csv"), note.getTextContent());
        assertEquals(3, beta.getElementsByTagNameNS("*", "figure").getLength(), "fan, breach and terminal");
    }

    @Test
    void withoutTheOptionalFilesThePageHasNeitherSolveNorSensitivity() throws Exception {
        Document page = report(OutputFolderFixture.plain());

        for (Element section : scenarioSections(page)) {
            assertNotNull(first(section, "p", "note tornado-skipped"), section.getAttribute("id"));
            assertFalse(section.getTextContent().contains("up-front injection"), section.getAttribute("id"));
            assertNull(first(section, "table", "sensitivity"));
        }
        assertEquals(7, page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength(),
                "three charts per scenario and the comparison, inline");
    }

    @Test
    void idsAreUniqueAndEveryInternalReferenceFindsItsTarget() throws Exception {
        Document page = report(OutputFolderFixture.withOptionalFiles());
        String raw = Files.readString(tmp.resolve("out").resolve(Report.PAGE), StandardCharsets.UTF_8);

        Set<String> ids = new HashSet<>();
        NodeList all = page.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                assertTrue(ids.add(id), "the id " + id + " appears twice");
            }
        }
        Matcher reference = Pattern.compile("(?:url\\(#|href=\"#)([^)\"]+)").matcher(raw);
        int references = 0;
        while (reference.find()) {
            assertTrue(ids.contains(reference.group(1)), "#" + reference.group(1) + " refers to nothing");
            references++;
        }
        assertTrue(references > 0);
    }

    @Test
    void theSourcesAndTheWholeManifestAreOnThePage() throws Exception {
        Document page = report(OutputFolderFixture.withOptionalFiles());

        String sources = byId(page, "sources").getTextContent();
        assertTrue(sources.contains("About one month of revenue"));
        assertTrue(sources.contains("normal(900.0, 50.0)"));
        assertTrue(sources.contains("volume_trend ~ contribution_margin"));
        assertTrue(sources.contains("A partner's capital, probability 0.5"));
        String manifest = byId(page, "manifest").getTextContent();
        assertTrue(manifest.contains(OutputFolderFixture.DRIVERS_SHA256));
        assertTrue(manifest.contains("started_at"));
    }

    @Test
    void sameInputsGiveAByteIdenticalPage() throws IOException {
        Path first = OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve("first"));
        Path second = OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve("second"));
        Report.write(first);
        Report.write(second);

        assertArrayEquals(Files.readAllBytes(first.resolve(Report.PAGE)),
                Files.readAllBytes(second.resolve(Report.PAGE)));
    }

    static Document parse(Path page) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(page.toFile());
    }

    static List<Element> scenarioSections(Document page) {
        List<Element> sections = new ArrayList<>();
        NodeList all = page.getElementsByTagNameNS(XHTML, "section");
        for (int i = 0; i < all.getLength(); i++) {
            Element section = (Element) all.item(i);
            if (section.getAttribute("class").equals("scenario")) {
                sections.add(section);
            }
        }
        return sections;
    }

    static Element byId(Document page, String id) {
        NodeList all = page.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.getAttribute("id").equals(id)) {
                return element;
            }
        }
        return null;
    }

    private static Element first(Element within, String tag, String cssClass) {
        NodeList all = within.getElementsByTagNameNS(XHTML, tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.getAttribute("class").equals(cssClass)) {
                return element;
            }
        }
        return null;
    }

    /**
     * A share between 0.1% and 99.9% as the page prints it: the exact binary value rounded half
     * up to one decimal (not the shortest decimal of 100 * share, which can round the other way).
     */
    static String percent(double share) {
        return new BigDecimal(100 * share).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
