package dev.runway.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process execution of the {@code runway} command line: its exit code and what it printed. */
record RunwayRun(int exitCode, String out, String err) {

    static RunwayRun of(String... args) {
        CommandLine command = RunwayCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new RunwayRun(exitCode, out.toString(), err.toString());
    }

    /** For assertion messages: everything the run printed. */
    String printed() {
        return "exit code " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
