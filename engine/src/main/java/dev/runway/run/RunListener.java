package dev.runway.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run tells about itself while it works: the command line shows it on stderr. Every
 * method says nothing unless a listener overrides it.
 */
public interface RunListener {
    /** Says nothing. */
    RunListener SILENT = new RunListener() { };

    /** A scenario's paths start; the run adds each finished block's paths to the counter returned. */
    default AtomicLong begin(String scenario) {
        return new AtomicLong();
    }

    /** The run does something other than count paths for a scenario (an analysis). */
    default void phase(String scenario, String what) {
    }

    /** A line worth telling as soon as it is known, e.g. where --precision stopped a scenario. */
    default void note(String line) {
    }
}
