package dev.runway.output;

import dev.runway.report.Charts;
import dev.runway.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.runway.output.PublishKillTest.entries;
import static dev.runway.output.PublishKillTest.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing an output folder: the record of the files, one-line failures that leave the earlier
 * results, concurrent writers, and the clean-up after runs that were stopped.
 */
class OutputFolderTest {
    /** A process id no system gives out (Linux stops at 2^22, macOS at 99,999): a process that is gone. */
    private static final long GONE = 999_999_999L;

    @TempDir
    Path tmp;

    private final List<String> notes = new ArrayList<>();

    private OutputFolder folder(Path out) {
        return OutputFolder.of(out, notes::add);
    }

    /** Contents that write these files, by relative path. */
    private static OutputFolder.Contents writing(Map<String, String> files) {
        return folder -> {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = folder.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        };
    }

    private static final Map<String, String> EARLIER = Map.of("summary.csv", "earlier\n", "alpha/quarterly.csv",
            "q1,q2\n", "manifest.csv", "key,value\n");

    private Path earlierOutput() throws IOException {
        Path out = tmp.resolve("out");
        folder(out).publish(writing(EARLIER));
        return out;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRecordListsEveryFileWithItsSizeAndSha256SortedAndNotItself() throws Exception {
        Path out = earlierOutput();

        assertEquals("file,bytes,sha256\n"
                + "alpha/quarterly.csv,6," + sha256("q1,q2\n") + "\n"
                + "manifest.csv,10," + sha256("key,value\n") + "\n"
                + "summary.csv,8," + sha256("earlier\n") + "\n", Files.readString(out.resolve(FileRecord.NAME)));
        assertEquals(List.of(FileRecord.NAME, "alpha/quarterly.csv", "manifest.csv", "summary.csv"),
                new ArrayList<>(files(out).keySet()).stream().sorted(
                        (a, b) -> a.equals(FileRecord.NAME) ? -1 : b.equals(FileRecord.NAME) ? 1 : a.compareTo(b))
                        .toList(), "no marker or other file of Runway's own is published");
        assertNull(folder(out).replaceProblem());
    }

    @Test
    void aFullDiskWhileWritingIsOneLineNamingTheFileAndTheEarlierResultsStay() throws IOException {
        Path out = earlierOutput();
        Map<String, String> before = files(out);

        OutputFolder.PublishException failure = assertThrows(OutputFolder.PublishException.class,
                () -> folder(out).publish(folder -> {
                    Files.writeString(folder.resolve("summary.csv"), "new\n");
                    Path quarterly = Files.createDirectories(folder.resolve("alpha")).resolve("quarterly.csv");
                    // What ResultWriter and Charts do with a write that fails: name the file.
                    throw OutputFolder.onFile(quarterly, new IOException("No space left on device"));
                }));

        assertEquals("writing alpha/quarterly.csv in " + out + " failed: No space left on device; nothing was written, "
                + "and the earlier results in " + out + " are unchanged. Free some space on the disk and run again.",
                failure.getMessage());
        assertEquals(before, files(out));
        assertEquals(List.of("out"), entries(tmp), "no temporary folder is left");
    }

    @Test
    void aFailureThatNamesNoFileIsStillOneLineAboutTheOutputFolder() throws IOException {
        Path out = tmp.resolve("new-out");

        OutputFolder.PublishException failure = assertThrows(OutputFolder.PublishException.class,
                () -> folder(out).publish(folder -> {
                    Files.writeString(folder.resolve("summary.csv"), "new\n");
                    throw new IOException("No space left on device");
                }));

        assertEquals("writing " + out + " failed: No space left on device; nothing was written. Free some space on "
                + "the disk and run again.", failure.getMessage());
        assertFalse(failure.getMessage().contains(".writing-"));
        assertEquals(List.of(), entries(tmp));
    }

    @Test
    void aReportWhoseDiskFillsMidwayLeavesTheRunAsItWas() throws IOException {
        Path out = OutputFolderFixture.withOptionalFiles().writeTo(tmp.resolve("staged-fixture"));
        Path run = tmp.resolve("run");
        OutputFolder.of(run, notes::add).publish(folder -> {
            try (var walk = Files.walk(out)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    Path copy = folder.resolve(out.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        });
        Map<String, String> before = files(run);
        OutputFolder output = folder(run);
        OutputFolderReader.RunResults results = OutputFolderReader.read(run);

        assertThrows(OutputFolder.PublishException.class, () -> output.publish(staging -> {
            output.copyRecordedFiles(staging, file -> !Report.isReportFile(file));
            Report.write(results, staging);
            throw OutputFolder.onFile(staging.resolve(Report.PAGE), new IOException("No space left on device"));
        }));

        assertEquals(before, files(run), "no chart and no page half-written into the run");
        assertFalse(Files.exists(run.resolve(Report.CHARTS)));
    }

    @Test
    void aFileTheUserAddsWhileARunWorksStopsThePublishingAndStays() throws IOException {
        Path out = earlierOutput();

        OutputFolder.PublishException refused = assertThrows(OutputFolder.PublishException.class,
                () -> folder(out).publish(folder -> {
                    Files.writeString(folder.resolve("summary.csv"), "new\n");
                    Files.writeString(out.resolve("notes.txt"), "mine");
                }));

        assertTrue(refused.getMessage().startsWith(out + " holds notes.txt, which no Runway run wrote;"),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith(" Nothing was written."), refused.getMessage());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals("earlier\n", Files.readString(out.resolve("summary.csv")));
        assertEquals(List.of("out"), entries(tmp));
    }

    @Test
    void aRecordThatNamesAFileOutsideTheFolderIsRefusedAndNothingIsTouched() throws IOException {
        Path out = earlierOutput();
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "the user's");
        Files.writeString(out.resolve(FileRecord.NAME), Files.readString(out.resolve(FileRecord.NAME))
                + "../victim.txt,10," + "0".repeat(64) + "\n");

        String problem = folder(out).replaceProblem();

        assertEquals("files.csv in " + out + " is not a record Runway wrote (line 5: expected a file inside the folder, "
                + "found '../victim.txt'); Runway replaces an output folder only when it holds exactly the files its "
                + "last run wrote (files.csv). Choose another --out, or move " + out + " away.", problem);
        assertThrows(OutputFolder.PublishException.class, () -> folder(out).publish(writing(EARLIER)));
        assertEquals("the user's", Files.readString(victim));
        assertTrue(Files.exists(out.resolve("summary.csv")));
    }

    @Test
    void aLinkInsideAnOutputIsNotFollowedAndStopsTheReplace() throws IOException {
        Path out = earlierOutput();
        Path documents = Files.createDirectories(tmp.resolve("documents"));
        Files.writeString(documents.resolve("thesis.txt"), "three years of work");
        Files.createSymbolicLink(out.resolve("alpha/documents"), documents);

        String problem = folder(out).replaceProblem();

        assertTrue(problem.startsWith(out + " holds alpha/documents, which no Runway run wrote;"), problem);
        assertThrows(OutputFolder.PublishException.class, () -> folder(out).publish(writing(EARLIER)));
        assertEquals("three years of work", Files.readString(documents.resolve("thesis.txt")));
    }

    @Test
    void aLinkAsTheOutputFolderIsRefused() throws IOException {
        Path real = earlierOutput();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        assertEquals(link + " is a symbolic link; Runway replaces only a real folder. Give the folder it points to, "
                + "or another folder, as --out.", folder(link).replaceProblem());
    }

    @Test
    void sixteenConcurrentWritersEachSucceedAndTheFolderHoldsOneOfThemWhole() throws Exception {
        Path out = earlierOutput();
        int writers = 16;
        List<Map<String, String>> outputs = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("summary.csv", "writer " + w + "\n");
            files.put("s" + w + "/quarterly.csv", "x".repeat(w * 1000));
            outputs.add(files);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> runs = new ArrayList<>();
        List<String> allNotes = Collections.synchronizedList(new ArrayList<>());
        try {
            for (Map<String, String> files : outputs) {
                runs.add(pool.submit(() -> {
                    start.await();
                    OutputFolder output = OutputFolder.of(out, allNotes::add);
                    output.recover();
                    assertNull(output.replaceProblem());
                    output.publish(writing(files));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }

        Map<String, String> published = files(out);
        published.remove(FileRecord.NAME);
        assertTrue(outputs.stream().anyMatch(files -> new TreeMap<>(files).equals(published)), published.toString());
        assertNull(folder(out).replaceProblem(), "the folder holds exactly its record");
        assertEquals(List.of("out"), entries(tmp), "no temporary folder is left");
        assertEquals(List.of(), allNotes, "no writer took another's temporary folder for a leftover");
    }

    @Test
    void anUnfinishedFolderOfAStoppedRunIsRemovedWithANote() throws IOException {
        Path out = earlierOutput();
        Path leftover = Files.createDirectories(tmp.resolve(".out.writing-" + GONE + "-0a1b2c3d"));
        Files.createFile(leftover.resolve(OutputFolder.MARKER));
        Files.writeString(Files.createDirectories(leftover.resolve("alpha")).resolve("quarterly.csv"), "half");

        folder(out).recover();

        assertEquals(List.of("out"), entries(tmp));
        assertEquals(List.of("removed .out.writing-" + GONE + "-0a1b2c3d beside " + out + ": the unfinished files of a "
                + "Runway run (process " + GONE + ") that was stopped before it finished"), notes);
    }

    @Test
    void theEarlierResultsOfARunStoppedBetweenItsRenamesArePutBack() throws IOException {
        Path out = earlierOutput();
        Map<String, String> before = files(out);
        Path aside = tmp.resolve(".out.previous-" + GONE + "-0a1b2c3d");
        Files.move(out, aside);

        folder(out).recover();

        assertEquals(before, files(out));
        assertEquals(List.of("out"), entries(tmp));
        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).startsWith("put back " + out + " from .out.previous-"), notes::toString);
    }

    @Test
    void earlierResultsAlreadyReplacedAreRemovedAndAHalfDeletedOneToo() throws IOException {
        Path out = earlierOutput();
        Path replaced = tmp.resolve(".out.previous-" + GONE + "-00000001");
        folder(replaced).publish(writing(EARLIER));
        Path halfDeleted = tmp.resolve(".out.previous-" + GONE + "-00000002");
        folder(halfDeleted).publish(writing(EARLIER));
        Files.createFile(halfDeleted.resolve(OutputFolder.MARKER));
        Files.delete(halfDeleted.resolve("summary.csv"));

        folder(out).recover();

        assertEquals(List.of("out"), entries(tmp));
        assertEquals(2, notes.size(), notes::toString);
        assertTrue(notes.stream().allMatch(note -> note.startsWith("removed .out.previous-")), notes::toString);
    }

    /** Holds a file's lock as another process would: a run in another container, whatever its process id. */
    private static FileChannel lockAsAnotherProcess(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        return channel;
    }

    @Test
    void temporaryFoldersOfARunningProcessAreLeftAloneWhateverItsProcessIdAndTheNoteSaysWhereTheResultsAre()
            throws IOException {
        Path out = earlierOutput();
        // A process id that is not running here: the run is in another PID namespace sharing the folder.
        Path writing = Files.createDirectories(tmp.resolve(".out.writing-" + GONE + "-0a1b2c3d"));
        Path aside = tmp.resolve(".out.previous-" + GONE + "-0a1b2c3d");
        Files.move(out, aside);

        try (FileChannel marker = lockAsAnotherProcess(writing.resolve(OutputFolder.MARKER));
                FileChannel swapping = lockAsAnotherProcess(tmp.resolve(".out.lock"))) {
            folder(out).recover();
        }

        assertEquals(List.of(".out.previous-" + GONE + "-0a1b2c3d", ".out.writing-" + GONE + "-0a1b2c3d"),
                entries(tmp), "another run is publishing: its folders are its own");
        assertEquals(List.of("left .out.previous-" + GONE + "-0a1b2c3d beside " + out + " alone: another Runway run is "
                + "replacing " + out + " right now; if " + out + " is still missing when it is done, the earlier "
                + "results are in " + aside), notes);
    }

    @Test
    void aWritingFolderWhoseMarkerIsLockedIsLeftAloneEvenIfItsProcessIdIsGone() throws IOException {
        Path out = earlierOutput();
        Path writing = Files.createDirectories(tmp.resolve(".out.writing-" + GONE + "-0a1b2c3d"));
        Files.writeString(writing.resolve("summary.csv"), "being written");

        try (FileChannel marker = lockAsAnotherProcess(writing.resolve(OutputFolder.MARKER))) {
            folder(out).recover();
        }

        assertEquals("being written", Files.readString(writing.resolve("summary.csv")));
        assertEquals(List.of(), notes);
    }

    @Test
    void aLeftoverIsEmptiedOnlyOfWhatRunwayWritesAndTheRestStaysWithANote() throws IOException {
        Path out = earlierOutput();
        Path mine = Files.createDirectories(tmp.resolve(".out.writing-" + GONE + "-abc"));
        Files.createFile(mine.resolve(OutputFolder.MARKER));
        Files.writeString(mine.resolve("thesis.docx"), "three years of work");
        Files.writeString(Files.createDirectories(mine.resolve("alpha")).resolve("quarterly.csv"), "half");

        folder(out).recover();

        assertEquals("three years of work", Files.readString(mine.resolve("thesis.docx")));
        assertFalse(Files.exists(mine.resolve("alpha")), "Runway's own unfinished files are removed");
        assertEquals(List.of("left " + mine + " in place: Runway removed its own files from it, but it also holds "
                + "thesis.docx, which Runway did not write; check it and delete it yourself"), notes);
    }

    @Test
    void aFileWrittenIntoTheEarlierOutputAfterItWasCheckedIsNotDeletedWithIt() throws IOException {
        Path out = earlierOutput();
        folder(out).publish(writing(Map.of("summary.csv", "newer")), step -> {
            if (step == OutputFolder.Step.NEW_MOVED_IN) {
                try (java.util.stream.Stream<Path> asides = Files.list(tmp)) {
                    Path aside = asides.filter(p -> p.getFileName().toString().startsWith(".out.previous-"))
                            .findFirst().orElseThrow();
                    Files.writeString(aside.resolve("late.txt"), "written meanwhile");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        assertEquals("newer", Files.readString(out.resolve("summary.csv")));
        List<String> left = entries(tmp);
        assertEquals(2, left.size(), left::toString);
        Path aside = tmp.resolve(left.get(0));
        assertTrue(left.get(0).startsWith(".out.previous-"), left::toString);
        assertEquals("written meanwhile", Files.readString(aside.resolve("late.txt")));
        assertEquals(List.of("late.txt"), entries(aside), "the earlier output's own files are removed");
        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).startsWith("left " + aside + " in place:") && notes.get(0).contains("late.txt"),
                notes::toString);
    }

    @Test
    void aFolderOfThisProcessIdThatThisProcessIsNotUsingIsAnEarlierProcesssLeftover() throws IOException {
        // In a container every run may have the same process id.
        Path out = earlierOutput();
        Path leftover = Files.createDirectories(tmp.resolve(".out.writing-" + ProcessHandle.current().pid() + "-ff"));
        Files.createFile(leftover.resolve(OutputFolder.MARKER));

        folder(out).recover();

        assertEquals(List.of("out"), entries(tmp));
        assertEquals(1, notes.size(), notes::toString);
    }

    @Test
    void aFolderNamedLikeALeftoverButHoldingOtherFilesIsLeftAloneWithANote() throws IOException {
        Path out = earlierOutput();
        Path mine = Files.createDirectories(tmp.resolve(".out.writing-" + GONE + "-0a1b2c3d"));
        Files.writeString(mine.resolve("thesis.txt"), "three years of work");
        Path olderRunway = Files.createDirectories(tmp.resolve(".out.previous-5762388927341"));
        Files.writeString(olderRunway.resolve("summary.csv"), "an older Runway's");

        folder(out).recover();

        assertEquals("three years of work", Files.readString(mine.resolve("thesis.txt")));
        assertEquals("an older Runway's", Files.readString(olderRunway.resolve("summary.csv")));
        assertEquals(List.of("left .out.previous-5762388927341 beside " + out + " alone: it is named like a temporary "
                + "folder of Runway, but not as this version names them; if an older Runway left it, check it and delete "
                + "it yourself", "left .out.writing-" + GONE + "-0a1b2c3d beside " + out + " alone: it is named like a "
                + "temporary folder of Runway (process " + GONE + "), but holds files Runway did not write; check it and "
                + "delete it yourself"), notes);
    }
}
