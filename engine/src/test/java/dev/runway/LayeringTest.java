package dev.runway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine keeps to its layers (STYLE.md and each package-info.java): lang, model, then io and
 * sample side by side, sim, stats, analysis, output (the files), report (charts and page), run and
 * the command line on top. A package names, in its imports, its code or its javadoc, only Runway
 * packages below it, so reading an input folder never needs the samplers, writing files never
 * needs the charts, and the run layer never needs the command line.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/runway");
    private static final Pattern RUNWAY_PACKAGE = Pattern.compile("\\bdev\\.runway\\.([a-z]+)\\b");

    @ParameterizedTest(name = "{0} names only {1}")
    @CsvSource(delimiter = '|', value = {
        "lang   | ''",
        "model  | lang",
        "io     | lang model",
        "sample | lang model",
        "sim    | lang model sample",
        "stats  | lang model sample sim",
        "analysis | lang model sample sim stats",
        "fit    | lang model",
        "output | lang model io sample sim stats analysis fit",
        "report | lang model sample sim stats analysis output"})
    void aLowerPackageNamesOnlyThePackagesBelowIt(String pkg, String allowed) throws IOException {
        Set<String> named = named(pkg);
        named.removeAll(Set.of(allowed.split(" ")));
        assertEquals(Set.of(), named, pkg + " reaches up to these packages");
    }

    @ParameterizedTest(name = "{0} never names {1}")
    @CsvSource({"run, cli"})
    void theRunLayerNeverNamesTheCommandLine(String pkg, String above) throws IOException {
        assertFalse(named(pkg).contains(above), pkg + " names " + above);
    }

    /** The other Runway packages a package's sources name. */
    private static Set<String> named(String pkg) throws IOException {
        Path folder = SOURCES.resolve(pkg);
        assertTrue(Files.isDirectory(folder), folder.toAbsolutePath() + " is the package's sources");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = RUNWAY_PACKAGE.matcher(Files.readString(file));
                while (matcher.find()) {
                    named.add(matcher.group(1));
                }
            }
        }
        named.remove(pkg);
        return named;
    }
}
