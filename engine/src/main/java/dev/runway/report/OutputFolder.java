package dev.runway.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Publishes a run's files all at once. They are written into a hidden temporary folder beside
 * the target, which replaces the target only when every file is complete; a run that fails or is
 * interrupted leaves the previous results untouched and no half-written folder behind.
 */
public final class OutputFolder {

    /** Writes the files of a run into the folder it is given. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path folder) throws IOException;
    }

    private OutputFolder() {
    }

    /**
     * Checks, before any work, that {@code target} may be replaced: it must not exist, be an
     * empty folder, or be an earlier Runway output (it has a manifest). Anything else is a
     * folder of the user's that a run must never delete.
     *
     * @return null if it may, else why not
     */
    public static String replaceProblem(Path target) {
        if (!Files.exists(target)) {
            return null;
        }
        if (!Files.isDirectory(target)) {
            return target + " exists and is not a folder; choose another --out";
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isEmpty() || Files.isRegularFile(target.resolve(ResultWriter.MANIFEST))) {
                return null;
            }
        } catch (IOException e) {
            return "cannot read " + target + ": " + e.getMessage();
        }
        return target + " holds files that are not a Runway output (no " + ResultWriter.MANIFEST
                + "); choose an empty or new folder for --out";
    }

    /** Writes {@code contents} and moves them into place as {@code target}, replacing any earlier results. */
    public static void publish(Path target, Contents contents) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = Files.createDirectories(absolute.getParent());
        String name = absolute.getFileName().toString();
        Path staging = Files.createTempDirectory(parent, "." + name + ".writing-");
        AtomicReference<Path> moved = new AtomicReference<>();
        // Interrupted mid-swap, put the earlier results back before removing the half-written ones.
        Thread cleanup = new Thread(() -> {
            Path previous = moved.get();
            if (previous != null && Files.exists(previous) && !Files.exists(absolute)) {
                try {
                    move(previous, absolute);
                } catch (IOException e) {
                    System.err.println("warning: the earlier results are in " + previous + ": " + e.getMessage());
                }
            }
            deleteQuietly(staging);
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            readableByAll(staging);
            contents.writeTo(staging);
            if (Files.exists(absolute)) {
                Path previous = Files.createTempDirectory(parent, "." + name + ".previous-");
                Files.delete(previous);
                moved.set(previous);
                move(absolute, previous);
                try {
                    move(staging, absolute);
                } catch (IOException e) {
                    move(previous, absolute);
                    throw e;
                }
                moved.set(null);
                deleteQuietly(previous);
            } else {
                move(staging, absolute);
            }
        } finally {
            deleteQuietly(staging);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running and removes the same folder.
            }
        }
    }

    /** Temporary folders are created owner-only; published results are as readable as any other file. */
    private static void readableByAll(Path folder) throws IOException {
        if (Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("warning: could not remove " + folder + ": " + e.getMessage());
        }
    }
}
