package dev.runway.io;

import dev.runway.model.Distribution;
import dev.runway.model.InputError;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text of an input file as editors and spreadsheets save it: other encodings, other line
 * ends, a file cut off, a stray NUL byte, nothing at all, one huge line. Each ends either read
 * correctly or as input errors with the file and line, never as an exception or a silent change.
 */
class InputTextTest {

    @TempDir
    Path tmp;

    private List<InputError> errorsOf(Path folder) {
        return assertThrows(InputException.class, () -> InputReader.read(folder)).errors();
    }

    /** The only error, checked to point at the file and line and to say the given words. */
    private InputError onlyError(Path folder, String file, int line, String words) {
        List<InputError> errors = errorsOf(folder);
        assertEquals(1, errors.size(), errors::toString);
        InputError error = errors.get(0);
        assertEquals(folder.resolve(file).toString(), error.file(), error::toString);
        assertEquals(line, error.line(), error::toString);
        assertTrue(error.message().contains(words), error::toString);
        return error;
    }

    @Test
    void aUtf16FileWithAByteOrderMarkIsRefusedAsUtf16() {
        Path folder = InputFolderFixture.minimal().encodedAs(InputReader.DRIVERS, StandardCharsets.UTF_16)
                .writeTo(tmp);

        onlyError(folder, InputReader.DRIVERS, 1, "the file is UTF-16 text (it starts with a UTF-16 byte order mark); "
                + "save it as UTF-8");
    }

    /** Without the mark, UTF-16 of Latin letters is valid UTF-8 with a NUL after each letter. */
    @Test
    void aUtf16FileWithoutAByteOrderMarkIsRefusedAsUtf16RatherThanAsAHeaderWithoutItsColumns() {
        Path folder = InputFolderFixture.minimal().encodedAs(InputReader.DRIVERS, StandardCharsets.UTF_16LE)
                .writeTo(tmp);

        onlyError(folder, InputReader.DRIVERS, 1, "NUL byte (character code 0), which is not text: the file looks "
                + "like UTF-16; save it as UTF-8");
    }

    /** The CSV parser would drop the NUL and read 1000. */
    @Test
    void aNulByteInsideANumberIsAnErrorNotDroppedFromTheNumber() {
        Path folder = InputFolderFixture.minimal()
                .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,10\u000000,,,,JPY bn,x")
                .writeTo(tmp);

        InputError error = onlyError(folder, InputReader.DRIVERS, 2, "NUL byte");
        assertTrue(!error.message().contains("UTF-16"), "one NUL in a text file is not UTF-16: " + error);
    }

    /** Windows ends lines with CR LF, old Mac spreadsheets with a lone CR; the last cell of a schedule row is a number. */
    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r"})
    void windowsAndOldMacLineEndsEndLinesAsNewlinesDo(String lineEnd) throws IOException, InputException {
        Path folder = InputFolderFixture.minimal().writeTo(tmp);
        for (String file : List.of(InputReader.SCENARIOS, InputReader.DRIVERS, InputReader.SCHEDULE)) {
            Path path = folder.resolve(file);
            Files.writeString(path, Files.readString(path).replace("\n", lineEnd));
        }

        Scenario base = InputReader.read(folder).scenarios().get(0);

        assertEquals(2, base.horizon());
        assertEquals(30.0, base.schedule().column("debt_maturity")[1]);
        assertEquals("test", base.driverSources().get("refinancing_share"));
    }

    @Test
    void lineNumbersCountWindowsLineEndsOnce() throws IOException {
        Path folder = InputFolderFixture.minimal()
                .replace(InputReader.SCHEDULE, "base,2,", "base,2,Q2,500,fifty,10,5,20,30")
                .writeTo(tmp);
        Path schedule = folder.resolve(InputReader.SCHEDULE);
        Files.writeString(schedule, Files.readString(schedule).replace("\n", "\r\n"));

        onlyError(folder, InputReader.SCHEDULE, 3, "found \"fifty\"");
    }

    @Test
    void aFileCutOffInsideAQuotedFieldIsAnErrorAtItsLastLine() throws IOException {
        Path folder = InputFolderFixture.minimal().writeTo(tmp);
        Files.writeString(folder.resolve(InputReader.DRIVERS), "base,extra,constant,1,,,,x,\"Annual rep",
                StandardOpenOption.APPEND);

        onlyError(folder, InputReader.DRIVERS, 12, "cannot parse the line as CSV");
    }

    @Test
    void aFileCutOffInsideARowIsAnErrorAtThatRowAndItsDriverIsNotAlsoMissing() throws IOException {
        Path folder = InputFolderFixture.minimal().writeTo(tmp);
        Path drivers = folder.resolve(InputReader.DRIVERS);
        String text = Files.readString(drivers);
        Files.writeString(drivers, text.substring(0, text.indexOf("base,refinancing_share,") + 30));

        onlyError(folder, InputReader.DRIVERS, 11, "expected 9 fields as in the header on line 1, found 3");
    }

    @Test
    void aFileCutOffInsideACharacterIsAnErrorAtItsLastLine() throws IOException {
        Path folder = InputFolderFixture.minimal().writeTo(tmp);
        byte[] yen = "base,extra,constant,1,,,,x,\u00A5".getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve(InputReader.DRIVERS), Arrays.copyOf(yen, yen.length - 1),
                StandardOpenOption.APPEND);

        onlyError(folder, InputReader.DRIVERS, 12, "the line is not UTF-8 text");
    }

    @Test
    void anEmptyFileIsAnErrorAtItsFirstLine() throws IOException {
        Path folder = InputFolderFixture.minimal().writeTo(tmp);
        Files.write(folder.resolve(InputReader.SCHEDULE), new byte[0]);

        onlyError(folder, InputReader.SCHEDULE, 1, "the file has no header; expected the columns "
                + InputFolderFixture.SCHEDULE_HEADER);
    }

    @Test
    void aDriversFileWithOnlyItsHeaderAsksForEveryDriverOfTheScenario() {
        Path folder = InputFolderFixture.minimal().file(InputReader.DRIVERS, InputFolderFixture.DRIVERS_HEADER)
                .writeTo(tmp);

        List<InputError> errors = errorsOf(folder);

        assertEquals(10, errors.size(), errors::toString);
        for (InputError error : errors) {
            assertEquals(folder.resolve(InputReader.SCENARIOS) + ":2", error.file() + ":" + error.line());
            assertTrue(error.message().startsWith("scenario base has no "), error::toString);
        }
    }

    @Test
    void aLineOfFiveMegabytesIsReadWhole() throws InputException {
        String source = "x".repeat(5 * 1024 * 1024);
        Path folder = InputFolderFixture.minimal()
                .replace(InputReader.DRIVERS, "base,opening_cash,", "base,opening_cash,constant,1000,,,,JPY bn," + source)
                .writeTo(tmp);

        Scenario base = InputReader.read(folder).scenarios().get(0);

        assertEquals(source, base.driverSources().get("opening_cash"));
        assertEquals(Distribution.constant(1000), base.driver("opening_cash"));
    }
}
