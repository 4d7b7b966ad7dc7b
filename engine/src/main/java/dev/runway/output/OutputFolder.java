package dev.runway.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An output folder ({@code --out}) and the one way Runway replaces it: all at once, and only
 * when everything in it is Runway's.
 *
 * <p>A run writes into a hidden temporary folder beside the target
 * ({@code .NAME.writing-PID-RANDOM}, marked as Runway's by a {@link #MARKER} file written first
 * and locked by the run until it is done), forces every file to the disk, writes the
 * {@link FileRecord} of its files last, and then swaps it in while it holds the lock file
 * {@code .NAME.lock} beside the target: the earlier folder is renamed aside
 * ({@code .NAME.previous-PID-RANDOM}), the new one renamed into place, the parent folder forced
 * to the disk, and the files the earlier folder's record lists deleted, then its folders. A
 * folder is replaced only if it does not exist, is empty, or holds exactly the files of its
 * record; anything else may be the user's and is refused before any work.
 *
 * <p>A kill at any instant leaves the target holding the complete earlier or the complete new
 * result, except between the two renames (Java cannot exchange two folders atomically), when it
 * is missing and the earlier result waits in its {@code .previous} folder. The next run's
 * {@link #recover()} puts it back and removes every temporary folder a stopped run left.
 */
public final class OutputFolder {
    /** The file that marks a temporary folder as Runway's own; a published output never holds it. */
    public static final String MARKER = ".runway-temporary";
    /** The longest file or folder name most file systems allow, in bytes. */
    public static final int MAX_NAME_BYTES = 255;
    /** What the temporary folders add to the output folder's name: "." and ".previous-", a pid, "-", 8 characters. */
    public static final int TEMPORARY_NAME_BYTES = 1 + ".previous-".length() + 10 + 1 + 8;

    private static final String WRITING = "writing";
    private static final String PREVIOUS = "previous";
    private static final Pattern PID_AND_TOKEN = Pattern.compile("(\\d{1,18})-[0-9a-z]{1,16}");
    private static final String RULE = "Runway replaces an output folder only when it holds exactly the files its last "
            + "run wrote (" + FileRecord.NAME + ")";
    /** The temporary folders this process is using, so its own threads leave each other's alone. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();
    /** What the lock file beside the target adds to its name; created on demand and never deleted. */
    public static final String LOCK = "lock";
    /**
     * This process's threads' hold on each target's lock file: a file lock is held by a whole
     * process, and a second one in the same process is refused rather than waited for.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();
    /** The kinds of file a Runway run writes: a writing folder's leftovers of these, and nothing else, are deleted. */
    private static final List<String> RUNWAY_KINDS = List.of(".csv", ".png", ".svg", ".html");

    /** Writes the files of a run into the folder it is given. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path folder) throws IOException;
    }

    /**
     * Writes files made from the output being replaced (as {@code runway report} makes its own
     * from the run's) into the folder it is given, and says which output: the
     * {@link #copyRecordedFiles} digest of its record. The new files replace only that output.
     */
    @FunctionalInterface
    public interface Update {
        String writeTo(Path folder) throws IOException;
    }

    /** The steps of {@link #publish(Contents, StepListener)}, in order; a kill after any of them loses nothing. */
    public enum Step {
        /** The temporary folder exists, empty. */
        STAGING_CREATED,
        /** It holds the marker that makes it Runway's. */
        MARKED,
        /** The run's files are written. */
        FILES_WRITTEN,
        /** Every file is forced to the disk and hashed. */
        FILES_SYNCED,
        /** The record of the files is written and forced to the disk. */
        RECORD_WRITTEN,
        /** The marker is removed and the temporary folder forced to the disk: it is the complete new output. */
        STAGING_SYNCED,
        /** The earlier output is renamed aside; the target is missing until the next step. */
        OLD_MOVED_ASIDE,
        /** The new output is renamed into place. */
        NEW_MOVED_IN,
        /** The parent folder, holding both renames, is forced to the disk. */
        PARENT_SYNCED,
        /** The earlier output, aside, is marked for deletion. */
        OLD_MARKED,
        /** Its first file is deleted. */
        OLD_PARTLY_DELETED,
        /** It is gone. */
        OLD_DELETED
    }

    /** Told of each step as publishing reaches it; tests use it to stop the process there. */
    @FunctionalInterface
    public interface StepListener {
        StepListener NONE = step -> { };

        void reached(Step step);
    }

    /** Publishing failed or was refused; the message is one line, naming files relative to {@code --out}. */
    public static final class PublishException extends IOException {
        private static final long serialVersionUID = 1L;

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path given;
    private final Path path;
    private final Consumer<String> notes;

    private OutputFolder(Path given, Consumer<String> notes) {
        this.given = given;
        this.path = given.toAbsolutePath().normalize();
        this.notes = notes;
    }

    /**
     * The output folder {@code out} names, normalized once ({@code a/b/..} is {@code a}); every
     * check and the publishing use that one path. {@code notes} receives one line for each
     * thing {@link #recover()} or {@link #publish} did that the user should know of.
     */
    public static OutputFolder of(Path out, Consumer<String> notes) {
        return new OutputFolder(out, notes);
    }

    /** The folder as an absolute, normalized path. */
    public Path path() {
        return path;
    }

    /** The folder as the user gave it, with the folder it means when that is not plain ({@code typo/..}). */
    public String shown() {
        String text = given.toString();
        return !text.isEmpty() && given.normalize().equals(given) ? text : text + " (that is, " + path + ")";
    }

    /**
     * Why this folder may not be replaced by a new run, or null if it may: it must not exist,
     * be empty, or hold exactly the files of its record; and it must be possible to create it
     * and the temporary folders beside it. Checked before any work, so a doomed run stops at
     * once; {@link #publish} checks the folder's contents again just before it replaces it.
     */
    public String replaceProblem() {
        String problem = placeProblem();
        if (problem != null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return problem;
        }
        return settledContentProblem(RULE, "Choose another --out, or ");
    }

    /**
     * Why {@code runway report} may not draw a report for the run in this folder, or null if it
     * may: the folder must hold exactly the files of its record, so the new report is published
     * together with the run's own files and nothing of the user's is lost.
     */
    public String reportProblem() {
        String problem = placeProblem();
        if (problem != null) {
            return problem;
        }
        // No quotes around the command: the prefix may be quoted itself ('./it'\''s/bin/runway'), and a hint is pasted whole.
        String simulate = "first run: " + ShellCommand.of("simulate --out " + ShellCommand.word(given.toString()));
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return shown() + " does not exist; " + simulate;
        }
        if (isEmpty(path)) {
            return shown() + " is empty; " + simulate;
        }
        return settledContentProblem("runway report draws only into a folder that holds exactly the files its run wrote ("
                + FileRecord.NAME + "), so that the report is published with them", "Draw it into another --out ("
                + ShellCommand.of("simulate --report --out DIR") + "), or ");
    }

    /** Whether the folder holds a recorded {@code report.html}, one that a run without a report would replace. */
    public boolean hasReport() {
        try {
            return FileRecord.read(path).entries().containsKey(OutputFiles.REPORT_PAGE);
        } catch (IOException e) {
            return false;
        }
    }

    /** Problems of the place: a name too long, a link, a file in the way, a folder without write permission. */
    private String placeProblem() {
        if (path.getFileName() == null) {
            return "--out " + shown() + " is the root of the file system; choose a folder inside it for --out";
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Path name = path.getName(i);
            int bytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
            boolean last = i == path.getNameCount() - 1;
            int most = last ? MAX_NAME_BYTES - TEMPORARY_NAME_BYTES : MAX_NAME_BYTES;
            if (bytes > most && (last || bytes > MAX_NAME_BYTES)) {
                return "the folder name " + abbreviated(name.toString()) + " in --out is " + bytes + " bytes long; file "
                        + "systems allow " + MAX_NAME_BYTES + (last ? ", and Runway adds " + TEMPORARY_NAME_BYTES
                        + " for the temporary folders beside it, so at most " + most : "") + ". Choose a shorter --out.";
            }
        }
        Path parent = path.getParent();
        if (Files.isSymbolicLink(path)) {
            return shown() + " is a symbolic link; Runway replaces only a real folder. Give the folder it points to, "
                    + "or another folder, as --out.";
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                return shown() + " is a file, not a folder; choose another --out.";
            }
            return Files.isWritable(parent) ? null : "cannot replace " + shown() + ": its folder " + parent
                    + " is not writable (permission denied). Choose another --out, or make " + parent + " writable.";
        }
        Path existing = parent;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            return "cannot create " + shown() + ": " + existing + " is a file, not a folder. Choose another --out.";
        }
        if (!Files.isWritable(existing)) {
            return "cannot create " + shown() + ": " + existing + " is not writable (permission denied). Choose "
                    + "another --out, or make " + existing + " writable.";
        }
        return null;
    }

    private static String abbreviated(String name) {
        return name.length() <= 24 ? name : name.substring(0, 20) + "…";
    }

    /**
     * {@link #contentProblem} of the output folder, looked at again if another run replaced the
     * folder while it was read (its file key changed): a problem of the folder that is there, not
     * of one that was half-way through being swapped.
     */
    private String settledContentProblem(String rule, String advice) {
        String problem = null;
        for (int look = 0; look < 10; look++) {
            Object before = fileKey(path);
            problem = contentProblem(path, rule, advice);
            if (problem == null || (before != null && before.equals(fileKey(path)))) {
                return problem;
            }
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                // Another run is between its two renames; it will leave a whole output there.
                return null;
            }
        }
        return problem;
    }

    private static Object fileKey(Path folder) {
        try {
            return Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Why {@code folder} (the output folder, or where it was just moved aside) does not hold
     * exactly its record, or null if it does (or is empty); the message names the output folder.
     */
    private String contentProblem(Path folder, String rule, String advice) {
        try {
            if (isEmpty(folder)) {
                return null;
            }
            if (!Files.exists(folder.resolve(FileRecord.NAME), LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(folder.resolve(OutputFiles.ManifestCsv.SCHEMA.file()))) {
                    return shown() + " has a " + OutputFiles.ManifestCsv.SCHEMA.file() + " but no " + FileRecord.NAME + ": an older "
                            + "Runway wrote it without recording its files, so Runway cannot tell whether everything "
                            + "in it is its own. " + advice + "move or delete " + shown() + " yourself.";
                }
                String first = firstEntry(folder);
                return shown() + " holds " + describe(first) + ", which no Runway run wrote (it has no "
                        + FileRecord.NAME + ", so it is not a Runway output folder); " + rule + ". " + advice
                        + "empty the folder.";
            }
            FileRecord.Difference difference = FileRecord.read(folder).differenceFrom(folder, Set.of());
            if (difference == null) {
                return null;
            }
            String file = difference.file();
            return switch (difference.kind()) {
                case EXTRA -> shown() + " holds " + describe(file) + ", which no Runway run wrote; " + rule + ". "
                        + advice + "move the " + kind(file) + ".";
                case MISSING -> shown() + " no longer holds " + file + ", which its run wrote (" + FileRecord.NAME
                        + " lists it); " + rule + ". " + advice + "move " + shown() + " away.";
                case RESIZED -> file + " in " + shown() + " has changed since Runway wrote it (" + difference.bytes()
                        + " bytes; " + FileRecord.NAME + " records " + difference.recordedBytes() + "); " + rule + ". "
                        + advice + "move " + shown() + " away.";
                case CHANGED -> file + " in " + shown() + " has changed since Runway wrote it (its SHA-256 is not the "
                        + "one " + FileRecord.NAME + " records); " + rule + ". " + advice + "move " + shown() + " away.";
            };
        } catch (FileRecord.MalformedRecordException e) {
            return FileRecord.NAME + " in " + shown() + " is not a record Runway wrote (" + e.getMessage() + "); " + rule
                    + ". " + advice + "move " + shown() + " away.";
        } catch (IOException e) {
            return "cannot read " + shown() + ": " + reason(e) + " (" + shownFile(e, folder) + "). Choose another --out.";
        }
    }

    /** The first entry of a folder by name, a folder's with a trailing /; without reading what is below it. */
    private static String firstEntry(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            Path first = entries.min(Path::compareTo).orElseThrow();
            return first.getFileName() + (Files.isDirectory(first, LinkOption.NOFOLLOW_LINKS) ? "/" : "");
        }
    }

    private static String describe(String name) {
        return name.endsWith("/") ? "the folder " + name : name;
    }

    private static String kind(String name) {
        return name.endsWith("/") ? "folder" : "file";
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code contents} and moves them into place, replacing the earlier results; see the class comment. */
    public void publish(Contents contents) throws IOException {
        publish(contents, StepListener.NONE);
    }

    /**
     * Writes {@code contents} and moves them into place, replacing the earlier results, telling
     * {@code listener} of each {@link Step}.
     *
     * @throws PublishException if the files cannot be written or moved into place, or the folder
     *         no longer holds exactly its record; nothing was then published and the earlier
     *         results are where they were
     */
    public void publish(Contents contents, StepListener listener) throws IOException {
        publish(folder -> {
            contents.writeTo(folder);
            return null;
        }, listener);
    }

    /**
     * Writes {@code update} and moves it into place, but only over the output it was made from:
     * if another run published into the folder meanwhile, that run's results stay and nothing is
     * published. Told of each {@link Step} as {@link #publish(Contents, StepListener)} is.
     *
     * @throws PublishException as {@link #publish(Contents, StepListener)}, and if the folder no
     *         longer holds the output the update was made from
     */
    public void update(Update update, StepListener listener) throws IOException {
        publish(update, listener);
    }

    private void publish(Update contents, StepListener listener) throws IOException {
        boolean earlier = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && !isEmpty(path);
        Path staging;
        FileChannel owner;
        try {
            Files.createDirectories(path.getParent());
            // Created and locked while no other process recovers this target: an unmarked writing folder is
            // then never a live one, and a marked one is live exactly while its marker is locked.
            try (Held target = lockTarget(true)) {
                staging = createTemporary(WRITING);
                try {
                    owner = FileChannel.open(staging.resolve(MARKER), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                    owner.lock();
                } catch (IOException e) {
                    Files.deleteIfExists(staging.resolve(MARKER));
                    Files.deleteIfExists(staging);
                    IN_USE.remove(staging);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new PublishException("cannot create a temporary folder beside " + shown() + ": " + reason(e)
                    + "; nothing was written" + unchanged(earlier) + ". Choose another --out.", e);
        }
        Swap swap = new Swap();
        Thread hook = new Thread(() -> {
            if (swap.stop()) {
                deleteWriting(staging);
            }
        }, "runway-publish-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            listener.reached(Step.STAGING_CREATED);
            listener.reached(Step.MARKED);
            String basis = contents.writeTo(staging);
            listener.reached(Step.FILES_WRITTEN);
            FileRecord record = FileRecord.of(staging, Set.of(MARKER), true);
            listener.reached(Step.FILES_SYNCED);
            record.writeTo(staging);
            listener.reached(Step.RECORD_WRITTEN);
            try (Held target = lockTarget(true)) {
                // The marker goes, and the swap runs, while no other process recovers this target.
                Files.delete(staging.resolve(MARKER));
                syncFolders(staging);
                listener.reached(Step.STAGING_SYNCED);
                try {
                    swapIn(staging, swap, listener, earlier, basis);
                } finally {
                    if (!swap.published()) {
                        deleteWriting(staging);
                    }
                }
            }
        } catch (OutputFolderReader.MalformedOutputException e) {
            throw e;
        } catch (UncheckedIOException e) {
            throw failure("writing", e.getCause(), staging, earlier);
        } catch (PublishException e) {
            throw e;
        } catch (IOException e) {
            throw failure("writing", e, staging, earlier);
        } finally {
            if (!swap.published() && Files.exists(staging.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                deleteWriting(staging);
            }
            try {
                owner.close();
            } catch (IOException e) {
                // Closing releases the lock; the channel is gone either way.
            }
            IN_USE.remove(staging);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and does the same.
            }
        }
    }

    /**
     * Renames the earlier folder aside and the new one into place, then deletes the earlier one.
     * Another run may publish to the same target meanwhile: then the folder it moved in is
     * replaced in turn, after the same check, and the last run to finish wins whole.
     */
    private void swapIn(Path staging, Swap swap, StepListener listener, boolean earlier, String basis)
            throws IOException {
        int failures = 0;
        for (int attempt = 0; ; attempt++) {
            Path previous = null;
            IOException failed = null;
            synchronized (swap) {
                if (swap.stopped) {
                    throw new PublishException("the run was stopped before its results were moved into "
                            + shown() + "; nothing was written" + unchanged(earlier), null);
                }
                if (basis != null && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    // The output the update was made from was moved aside by another run, now between its renames.
                    throw changed();
                }
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    previous = reserveTemporary(PREVIOUS);
                    try {
                        move(path, previous);
                    } catch (NoSuchFileException movedByAnotherRun) {
                        IN_USE.remove(previous);
                        continue;
                    }
                    listener.reached(Step.OLD_MOVED_ASIDE);
                    // Checked where no other run can change it: the folder checked is the folder deleted.
                    String problem = contentProblem(previous, RULE, "Choose another --out, or ");
                    if (problem != null) {
                        refuse(previous, problem);
                    }
                    if (basis != null && !basis.equals(FileRecord.digest(previous))) {
                        try {
                            move(previous, path);
                            IN_USE.remove(previous);
                        } catch (IOException e) {
                            throw new PublishException(changed().getMessage() + " (its results are in " + previous
                                    + ", since yet another run wrote " + shown() + " meanwhile)", e);
                        }
                        throw changed();
                    }
                }
                try {
                    move(staging, path);
                    swap.published = true;
                } catch (IOException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                // Either another run moved its results in first (then what was moved aside is older than
                // those, and this run tries again), or the rename itself failed (then the earlier results
                // go back, and after a few tries the failure is reported).
                boolean anotherRun = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
                if (previous != null && !anotherRun) {
                    anotherRun = !putBack(previous, failed);
                }
                if (previous != null && anotherRun) {
                    deletePrevious(previous, StepListener.NONE);
                    IN_USE.remove(previous);
                }
                if (!anotherRun && ++failures >= 3) {
                    throw failure("moving into place", failed, staging, earlier);
                }
                if (attempt >= 1000) {
                    throw new PublishException("other runs kept replacing " + shown() + " while this one tried to; "
                            + "nothing was written. Run again, or choose another --out.", failed);
                }
                continue;
            }
            listener.reached(Step.NEW_MOVED_IN);
            syncFolder(path.getParent());
            listener.reached(Step.PARENT_SYNCED);
            if (previous != null) {
                deletePrevious(previous, listener);
                IN_USE.remove(previous);
            }
            return;
        }
    }

    /** The folder moved aside holds what Runway did not write: it goes back, and nothing is published. */
    private void refuse(Path previous, String problem) throws PublishException {
        try {
            move(previous, path);
            IN_USE.remove(previous);
        } catch (IOException e) {
            throw new PublishException(problem + " Nothing was written; the folder is in " + previous + ", since "
                    + "another run wrote " + shown() + " meanwhile.", e);
        }
        throw new PublishException(problem + " Nothing was written.", null);
    }

    /** An update made from an output that another run has replaced since. */
    private PublishException changed() {
        return new PublishException("--out " + shown() + " changed while the report was drawn (another run published "
                + "into it); nothing was written, and that run's results stay. Run the report again: "
                + ShellCommand.of("report --out " + ShellCommand.word(given.toString())), null);
    }

    /**
     * After the new folder failed to move in, the earlier one goes back where it was.
     *
     * @return false if another run's results are there by now (what was moved aside is then older)
     */
    private boolean putBack(Path previous, IOException failure) throws PublishException {
        try {
            move(previous, path);
            IN_USE.remove(previous);
            return true;
        } catch (IOException e) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw new PublishException("could not move the new results into " + shown() + " (" + reason(failure)
                    + "), nor the earlier ones back (" + reason(e) + "); they are in " + previous + ", and the next "
                    + "Runway run for this --out puts them back", failure);
        }
    }

    /**
     * The state of a swap, shared with the shutdown hook of a process stopped by a signal: a swap
     * under way completes before the hook goes on, and none starts after it.
     */
    private static final class Swap {
        private boolean stopped;
        private boolean published;

        synchronized boolean published() {
            return published;
        }

        /** Stops any swap not yet begun; true if the new results were not moved in (so they may be removed). */
        synchronized boolean stop() {
            stopped = true;
            return !published;
        }
    }

    /**
     * Cleans up after runs that were stopped while publishing to this folder: for each
     * temporary folder beside it that no process holds (a writing folder whose marker is not
     * locked; an unmarked one, or an earlier output moved aside, only while this holds the
     * target's lock file: process ids mean nothing across containers sharing a folder), an
     * unfinished one is emptied of the kinds of file Runway writes, and an earlier output moved
     * aside is put back if the folder is missing (the run was stopped between its two renames),
     * else emptied of the files its record lists. A folder is touched only if it is Runway's:
     * empty, marked, or holding exactly its record; what is not Runway's stays. One note per
     * thing done or left.
     */
    public void recover() {
        Path parent = path.getParent();
        if (parent == null || path.getFileName() == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + path.getFileName() + ".";
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent,
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            siblings.forEach(leftovers::add);
        } catch (IOException e) {
            notes.accept("could not look for unfinished runs beside " + shown() + ": " + reason(e));
            return;
        }
        leftovers.sort(null);
        if (leftovers.stream().noneMatch(leftover -> isTemporaryName(leftover, prefix))) {
            return;
        }
        Held target;
        try {
            target = lockTarget(false);
        } catch (IOException e) {
            notes.accept("could not look for unfinished runs beside " + shown() + ": " + reason(e));
            return;
        }
        try (target) {
            recover(leftovers, prefix, target != null);
        }
    }

    private static boolean isTemporaryName(Path leftover, String prefix) {
        String rest = leftover.getFileName().toString().substring(prefix.length());
        return rest.startsWith(WRITING + "-") || rest.startsWith(PREVIOUS + "-");
    }

    /**
     * {@link #recover()} of the listed folders; {@code locked} if it holds the target's lock, so
     * that no other process is between creating a writing folder and marking it, nor swapping.
     */
    private void recover(List<Path> leftovers, String prefix, boolean locked) {
        Path parent = path.getParent();
        List<Path> earlierResults = new ArrayList<>();
        for (Path leftover : leftovers) {
            String rest = leftover.getFileName().toString().substring(prefix.length());
            String kind = rest.startsWith(WRITING + "-") ? WRITING : rest.startsWith(PREVIOUS + "-") ? PREVIOUS : null;
            if (kind == null) {
                continue;
            }
            Matcher owner = PID_AND_TOKEN.matcher(rest.substring(kind.length() + 1));
            String name = leftover.getFileName() + " beside " + shown();
            if (!owner.matches()) {
                notes.accept("left " + name + " alone: it is named like a temporary folder of Runway, but not as this "
                        + "version names them; if an older Runway left it, check it and delete it yourself");
                continue;
            }
            long pid = Long.parseLong(owner.group(1));
            // Gone by now: its run was still at work when the folder was listed, and has finished since.
            if (IN_USE.contains(leftover) || !Files.exists(leftover, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (kind.equals(WRITING)) {
                // Whatever its process id says (another container or host may share the folder), a writing
                // folder is live while its marker is locked; an unmarked one is dead only under the target's lock.
                FileChannel marker = lockMarker(leftover);
                if (marker == null && (!locked || Files.exists(leftover.resolve(MARKER), LinkOption.NOFOLLOW_LINKS))) {
                    continue;
                }
                try {
                    if (!isOurs(leftover)) {
                        notLeftovers(name, pid, false);
                    } else if (deleteWriting(leftover)) {
                        notes.accept("removed " + name + ": the unfinished files of a Runway run (process " + pid
                                + ") that was stopped before it finished");
                    }
                } finally {
                    closeQuietly(marker);
                }
            } else if (!locked) {
                // A run is swapping right now, and this is what it moved aside (or a stopped run's, looked at later).
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    notes.accept("left " + name + " alone: another Runway run is replacing " + shown() + " right now; "
                            + "if " + shown() + " is still missing when it is done, the earlier results are in "
                            + leftover);
                }
            } else if (!isOurs(leftover)) {
                notLeftovers(name, pid, !Files.exists(path, LinkOption.NOFOLLOW_LINKS));
            } else {
                earlierResults.add(leftover);
            }
        }
        earlierResults.sort((a, b) -> modified(b).compareTo(modified(a)));
        for (Path leftover : earlierResults) {
            String name = leftover.getFileName() + " beside " + shown();
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && isComplete(leftover)) {
                try {
                    Files.deleteIfExists(leftover.resolve(MARKER));
                    move(leftover, path);
                    syncFolder(parent);
                    notes.accept("put back " + shown() + " from " + leftover.getFileName() + ": a Runway run was "
                            + "stopped while it replaced the folder, and these are the results it was replacing");
                    continue;
                } catch (IOException e) {
                    if (Files.exists(leftover, LinkOption.NOFOLLOW_LINKS)) {
                        notes.accept("could not put back " + shown() + " from " + leftover.getFileName() + ": "
                                + reason(e) + "; rename it yourself");
                    }
                    continue;
                }
            }
            if (deletePrevious(leftover, StepListener.NONE)) {
                notes.accept("removed " + name + ": earlier results that a stopped Runway run had already replaced");
            }
        }
    }

    private void notLeftovers(String name, long pid, boolean missing) {
        notes.accept("left " + name + " alone: it is named like a temporary folder of Runway (process " + pid
                + "), but holds files Runway did not write; " + (missing ? shown() + " is missing, and this "
                + "may be what it held: check it and rename it back yourself" : "check it and delete it "
                + "yourself"));
    }

    /** A hold on the lock file beside the target, for this thread in this process and for the process. */
    private static final class Held implements AutoCloseable {
        private final ReentrantLock local;
        private final FileChannel channel;

        Held(ReentrantLock local, FileChannel channel) {
            this.local = local;
            this.channel = channel;
        }

        @Override
        public void close() {
            closeQuietly(channel);
            local.unlock();
        }
    }

    /**
     * Locks {@code .NAME.lock} beside the target (created on demand, never deleted: a lock file
     * deleted while another process waits on it would let two processes hold "the" lock): held by
     * a publisher from creating its writing folder until it is marked, and from unmarking it until
     * the earlier output is deleted; by {@link #recover()} while it handles the earlier outputs.
     *
     * @param wait whether to wait for it; else null if another thread or process holds it
     */
    private Held lockTarget(boolean wait) throws IOException {
        Path file = path.resolveSibling("." + path.getFileName() + "." + LOCK);
        ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(file, key -> new ReentrantLock());
        if (wait) {
            local.lock();
        } else if (!local.tryLock()) {
            return null;
        }
        if (local.getHoldCount() > 1) {
            // This thread holds it already (a step listener that publishes): the process holds the file lock.
            return new Held(local, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = wait ? channel.lock() : channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                // By a channel other than Runway's own (a test's stand-in for another process).
                lock = null;
            }
            if (lock == null) {
                closeQuietly(channel);
                local.unlock();
                return null;
            }
            return new Held(local, channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw e;
        }
    }

    /** The marker of a writing folder, locked, if no process holds it; null if one does, or there is none. */
    private static FileChannel lockMarker(Path folder) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(MARKER), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (IOException | OverlappingFileLockException e) {
            // No marker, not a plain file, or held by this process.
        }
        closeQuietly(channel);
        return null;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing releases the lock; the channel is gone either way.
            }
        }
    }

    /** Runway's own temporary folder: a real folder, empty, marked, or holding exactly its record. */
    private static boolean isOurs(Path folder) {
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                && (isEmpty(folder) || Files.exists(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
                || isComplete(folder));
    }

    /** Empty, or holding exactly the files of its record (the marker aside): a whole output to put back. */
    private static boolean isComplete(Path folder) {
        if (isEmpty(folder)) {
            return true;
        }
        try {
            return Files.exists(folder.resolve(FileRecord.NAME), LinkOption.NOFOLLOW_LINKS)
                    && FileRecord.read(folder).differenceFrom(folder, Set.of(MARKER)) == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime modified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Copies the recorded files that {@code keep} accepts (by relative path) into {@code into}:
     * the start of a new output made from this one, as {@code runway report} makes one. Each copy
     * is checked against the record, so that the copies are of one run even if another run
     * replaces the folder meanwhile.
     *
     * @return the digest of the record the copies match, for {@link Update#writeTo}
     * @throws PublishException if the folder changed while it was copied
     */
    public String copyRecordedFiles(Path into, Predicate<String> keep) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path.resolve(FileRecord.NAME));
        } catch (NoSuchFileException e) {
            throw changed();
        }
        for (FileRecord.Entry entry : FileRecord.parse(bytes).entries().values()) {
            if (keep.test(entry.file())) {
                Path copy = into.resolve(entry.file());
                Files.createDirectories(copy.getParent());
                try {
                    Files.copy(path.resolve(entry.file()), copy, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    throw changed();
                }
                if (Files.size(copy) != entry.bytes() || !FileRecord.sha256(copy, false).equals(entry.sha256())) {
                    throw changed();
                }
            }
        }
        return FileRecord.digest(bytes);
    }

    /** A new temporary folder beside the target, reserved for this process before it exists. */
    private Path createTemporary(String kind) throws IOException {
        while (true) {
            Path folder = reserveTemporary(kind);
            try {
                return Files.createDirectory(folder);
            } catch (IOException e) {
                IN_USE.remove(folder);
                if (!(e instanceof FileAlreadyExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** A free name for a temporary folder beside the target, marked as in use by this process. */
    private Path reserveTemporary(String kind) {
        while (true) {
            Path folder = path.resolveSibling("." + path.getFileName() + "." + kind + "-" + ProcessHandle.current().pid()
                    + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt()));
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && IN_USE.add(folder)) {
                return folder;
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forces a folder's entries to the disk; platforms that cannot open a folder for it are left as they are. */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) refuse to open or force a folder; their renames are durable as they come.
        }
    }

    /** Forces every folder under {@code root}, and root itself, to the disk, the deepest first. */
    private static void syncFolders(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                syncFolder(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes what a run wrote into a writing folder: regular files of the kinds Runway writes
     * (never following a link), the marker last, then the folders that are left empty. Anything
     * else is left, with a note: the folder's name and marker are no proof that all in it is Runway's.
     *
     * @return whether the folder is gone
     */
    private boolean deleteWriting(Path folder) {
        return deleteKnown(folder, file -> {
            String name = file.getFileName().toString();
            return RUNWAY_KINDS.stream().anyMatch(name::endsWith);
        }, StepListener.NONE);
    }

    /**
     * Deletes an earlier output moved aside: the files its record lists, the record and the
     * marker (written first, so a kill midway leaves a folder still recognisably Runway's), then
     * its folders one by one. A file that another run or the user put in meanwhile stays, with a note.
     *
     * @return whether the folder is gone
     */
    private boolean deletePrevious(Path folder, StepListener listener) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Set<Path> recorded = new java.util.HashSet<>();
        try {
            for (String file : FileRecord.read(folder).entries().keySet()) {
                recorded.add(folder.resolve(file));
            }
        } catch (NoSuchFileException noRecord) {
            // Deleted already by an earlier attempt, stopped after it: only the marker and empty folders remain.
        } catch (IOException e) {
            notes.accept("left " + folder + " alone: its " + FileRecord.NAME + " cannot be read (" + reason(e) + "), so "
                    + "Runway cannot tell which files in it are its own; check it and delete it yourself");
            return false;
        }
        try {
            Files.createFile(folder.resolve(MARKER));
        } catch (FileAlreadyExistsException alreadyMarked) {
            // Written when the folder was moved aside and stopped, or by an earlier attempt to delete it.
        } catch (IOException e) {
            notes.accept("could not remove " + folder + ": " + reason(e) + "; a later Runway run for this --out tries "
                    + "again, or remove it yourself");
            return false;
        }
        listener.reached(Step.OLD_MARKED);
        Path record = folder.resolve(FileRecord.NAME);
        return deleteKnown(folder, file -> recorded.contains(file) || file.equals(record), listener);
    }

    /**
     * Deletes the regular files under {@code folder} that {@code known} accepts (links are
     * neither followed nor deleted), then the marker, then each folder left empty, deepest first.
     *
     * @return whether the folder is gone; if not, a note names it and the first thing left
     */
    private boolean deleteKnown(Path folder, Predicate<Path> known, StepListener listener) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path marker = folder.resolve(MARKER);
        List<String> left = new ArrayList<>();
        try {
            boolean[] first = {true};
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (file.equals(marker)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (!attributes.isRegularFile() || !known.test(file)) {
                        left.add(FileRecord.relative(folder, file));
                        return FileVisitResult.CONTINUE;
                    }
                    Files.deleteIfExists(file);
                    if (first[0]) {
                        first[0] = false;
                        listener.reached(Step.OLD_PARTLY_DELETED);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    if (dir.equals(folder)) {
                        // Last, even if something stays: the folder is no longer Runway's alone.
                        Files.deleteIfExists(marker);
                        if (!left.isEmpty()) {
                            return FileVisitResult.CONTINUE;
                        }
                    }
                    try {
                        Files.deleteIfExists(dir);
                    } catch (DirectoryNotEmptyException notOnlyOurs) {
                        // Something was put in meanwhile; it stays, and the folders it is in.
                        if (left.isEmpty()) {
                            left.add(FileRecord.relative(folder, dir) + "/");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            notes.accept("could not remove " + folder + ": " + reason(e) + " (" + shownFile(e, folder) + "); a later "
                    + "Runway run for this --out tries again, or remove it yourself");
            return false;
        }
        if (!left.isEmpty()) {
            notes.accept("left " + folder + " in place: Runway removed its own files from it, but it also holds "
                    + left.get(0) + (left.size() > 1 ? " and " + (left.size() - 1) + " more" : "") + ", which Runway "
                    + "did not write; check it and delete it yourself");
            return false;
        }
        listener.reached(Step.OLD_DELETED);
        return true;
    }

    /**
     * The same failure, naming {@code file} if it names no file yet: writers wrap their
     * exceptions with it, so that a full disk is reported with the file it stopped.
     */
    public static IOException onFile(Path file, IOException e) {
        if (e instanceof FileSystemException named && named.getFile() != null) {
            return e;
        }
        FileSystemException named = new FileSystemException(file.toString(), null, reason(e));
        named.initCause(e);
        return named;
    }

    /** A one-line failure: what failed, on which file relative to --out, and that nothing was published. */
    private PublishException failure(String doing, IOException e, Path staging, boolean earlier) {
        String reason = reason(e);
        String hint = reason.contains("No space left") ? " Free some space on the disk and run again."
                : e instanceof AccessDeniedException ? " Choose another --out, or change its permissions." : "";
        return new PublishException(doing + " " + shownFile(e, staging) + " failed: " + reason + "; nothing was "
                + "written" + unchanged(earlier) + "." + hint, e);
    }

    private String unchanged(boolean earlier) {
        return earlier ? ", and the earlier results in " + shown() + " are unchanged" : "";
    }

    /** The file an exception names, relative to --out when it is in the new results; else the folder. */
    private String shownFile(IOException e, Path staging) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof FileSystemException named && named.getFile() != null)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return shown();
        }
        Path file = Path.of(((FileSystemException) cause).getFile()).toAbsolutePath().normalize();
        for (Path base : staging == null ? List.of(path) : List.of(staging, path)) {
            if (file.startsWith(base) && !file.equals(base)) {
                return FileRecord.relative(base, file) + " in " + shown();
            }
        }
        return file.equals(staging) || file.equals(path) ? shown() : file.toString();
    }

    /** Why an I/O operation failed, in a few words, without the paths an exception message repeats. */
    static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof FileSystemException named && named.getReason() != null) {
            return named.getReason();
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e.getCause() != null ? reason(e.getCause()) : e.getClass().getSimpleName();
        }
        return e.getMessage();
    }
}
