package dev.runway.run;

import java.util.concurrent.atomic.AtomicLong;

/** What a run tells about itself while it works: the command line shows it on stderr. */
public interface RunListener {
    /** Says nothing. */
    RunListener SILENT = new RunListener() {
        @Override
        public AtomicLong begin(String scenario) {
            return new AtomicLong();
        }

        @Override
        public void phase(String scenario, String what) {
        }

        @Override
        public void note(String line) {
        }
    };

    /** A scenario's paths start; the run adds each finished block's paths to the counter returned. */
    AtomicLong begin(String scenario);

    /** The run does something other than count paths for a scenario (an analysis). */
    void phase(String scenario, String what);

    /** A line worth telling as soon as it is known, e.g. where --precision stopped a scenario. */
    void note(String line);
}
