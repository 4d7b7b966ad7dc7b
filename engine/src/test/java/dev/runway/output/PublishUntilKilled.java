package dev.runway.output;

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
 * the files, or {@value #EXIT} and a step name to exit there with the shutdown hooks (any other
 * word: it publishes to the end); optionally, the time (epoch
 * milliseconds) to begin at.
 */
public final class PublishUntilKilled {
    /** Dies after the first file is written, before the others. */
    static final String HALFWAY = "HALFWAY";
    /** The exit status of a process that killed itself at its step. */
    static final int KILLED = 9;
    /** Before a step's name: exit there running the shutdown hooks, as a plain kill does, instead of halting. */
    static final String EXIT = "exit:";
    /** The exit status of a process that exited at its step. */
    static final int EXITED = 143;

    private PublishUntilKilled() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Path source = Path.of(args[1]);
        String stopAt = args[2];
        if (args.length > 3) {
            // Processes started one after another begin publishing together.
            long wait = Long.parseLong(args[3]) - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
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
            if ((EXIT + step.name()).equals(stopAt)) {
                // As a kill without -9 (SIGTERM, Ctrl-C) does: the shutdown hooks run.
                System.exit(EXITED);
            }
        });
        System.exit(0);
    }
}
