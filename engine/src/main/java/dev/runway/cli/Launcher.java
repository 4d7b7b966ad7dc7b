package dev.runway.cli;

import dev.runway.output.ShellCommand;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * How the user started Runway, so that every command a hint prints works when pasted: the
 * {@code bin/runway} launcher passes its own name in the {@code runway.command} property; a
 * plain {@code java -jar} is told by the jar this class was loaded from; anything else (tests,
 * an IDE) gets {@code runway}.
 */
public final class Launcher {
    /**
     * The system property holding the command as the user types it, already quoted for a POSIX
     * shell: set by {@code bin/runway}, or by {@link RunwayCommand#main} from the running jar, so
     * that code outside this package can print the same prefix.
     */
    public static final String PROPERTY = ShellCommand.PROPERTY;

    private Launcher() {
    }

    /** What to type to run Runway, e.g. {@code bin/runway} or {@code java -jar engine/target/runway.jar}. */
    public static String prefix() {
        String command = System.getProperty(PROPERTY);
        if (command != null && !command.isBlank()) {
            return command.strip();
        }
        Path jar = runningJar();
        return jar == null ? "runway" : "java -jar " + ShellCommand.word(relativeToWorkingFolder(jar).toString());
    }

    /** A command to print in a hint: the prefix, then the subcommand and its arguments. */
    public static String command(String arguments) {
        return prefix() + " " + arguments;
    }


    /** The jar this class was loaded from, or null when it was loaded from a folder of classes. */
    private static Path runningJar() {
        try {
            CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // Not a file on this machine (a jar inside another, say): the plain name is the best guess.
            return null;
        }
    }

    private static Path relativeToWorkingFolder(Path jar) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = jar.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
    }
}
