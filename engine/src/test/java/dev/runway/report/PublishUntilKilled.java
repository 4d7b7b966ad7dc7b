package dev.runway.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process that publishes a folder's files over an output folder and kills itself, without
 * shutdown hooks or clean-up, when publishing reaches a given step: what a kill -9 or a power
 * cut at that instant leaves behind. Run by {@link PublishKillTest} as a child JVM.
 *
 * <p>Arguments: the output folder, the folder whose files to publish there, and the step to
 * die at: a {@link OutputFolder.Step} name, or {@value #HALFWAY} for halfway through writing
 * the files (any other word: it publishes to the end).
 */
public final class PublishUntilKilled {
    /** Dies after the first file is written, before the others. */
    static final String HALFWAY = "HALFWAY";
    /** The exit status of a process that killed itself at its step. */
    static final int KILLED = 9;

    private PublishUntilKilled() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Path source = Path.of(args[1]);
        String stopAt = args[2];
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString()
                    .equals(FileRecord.NAME)).sorted().toList();
        }
        OutputFolder output = OutputFolder.of(target, note -> System.err.println("note: " + note));
        // As every run does, first clean up after stopped ones (here: none, or other processes still running).
        output.recover();
        output.publish(folder -> {
            for (int i = 0; i < files.size(); i++) {
                Path copy = folder.resolve(source.relativize(files.get(i)).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(files.get(i), copy);
                if (i == 0 && stopAt.equals(HALFWAY)) {
                    Runtime.getRuntime().halt(KILLED);
                }
            }
        }, step -> {
            if (step.name().equals(stopAt)) {
                Runtime.getRuntime().halt(KILLED);
            }
        });
        System.exit(0);
    }
}
