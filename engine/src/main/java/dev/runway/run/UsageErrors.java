package dev.runway.run;

import dev.runway.lang.Names;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How every command answers a usage error: one line {@code error: ...} naming what was wrong and
 * the value found (with a "did you mean" for a misspelled option or command), one line saying
 * where the options are listed, and exit code 2. The full help is one {@code --help} away; printed
 * after every typo it buried the one line that mattered.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    /** The exit code of a usage or input error: nothing was written. */
    public static final int INPUT_ERROR = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + describe(e));
        CommandSpec spec = command.getCommandSpec();
        // The command last and unquoted: the prefix may itself be shell-quoted, and a line that ends in the
        // command pastes whole.
        err.println("For the " + (spec.subcommands().isEmpty() ? "options" : "commands") + ", run: "
                + spec.qualifiedName() + " --help");
        err.flush();
        return INPUT_ERROR;
    }

    /** The one line that says what was wrong. */
    static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            return unmatched(unmatched);
        }
        ArgSpec arg = e.getArgSpec();
        String value = e.getValue();
        boolean conversion = e.getCause() instanceof CommandLine.TypeConversionException
                || (e.getMessage() != null && e.getMessage().startsWith("Invalid value for "));
        if (conversion && arg instanceof OptionSpec option && value != null) {
            return option.longestName() + " must be " + expected(option) + ", found '" + value + "'";
        }
        String message = e.getMessage() == null ? "bad usage" : e.getMessage();
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** An unknown option, an unknown command, or a word where only options go. */
    private static String unmatched(UnmatchedArgumentException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> words = e.getUnmatched();
        String first = words.isEmpty() ? "" : words.get(0);
        for (String word : words) {
            if (word.startsWith("-")) {
                String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                String suggestion = Names.suggestion(option, spec.optionsMap().keySet());
                return "unknown option " + option + (suggestion == null ? "" : "; did you mean " + suggestion + "?");
            }
        }
        if (!spec.subcommands().isEmpty()) {
            String suggestion = Names.suggestion(first, spec.subcommands().keySet());
            return "unknown command '" + first + "'" + (suggestion == null
                    ? "; expected one of " + String.join(", ", spec.subcommands().keySet())
                    : "; did you mean " + suggestion + "?");
        }
        return "unexpected argument '" + first + "': " + spec.name() + " takes only options (--name value)";
    }

    /** What an option's value must be, in words. */
    private static String expected(OptionSpec option) {
        Class<?> type = option.type();
        if (type == int.class || type == Integer.class) {
            return "a whole number (at most " + Integer.MAX_VALUE + ")";
        }
        if (type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return "one of " + String.join(", ", names);
        }
        return "a valid " + option.paramLabel();
    }
}
