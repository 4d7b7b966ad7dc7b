package dev.runway.cli;

import dev.runway.run.RunListener;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells a user on stderr how a long run is going: nothing for the first two seconds, then a
 * line every two seconds with the scenario, the share of its paths done (or the count, when
 * --precision decides the total) and the speed.
 */
final class ProgressReporter implements RunListener, AutoCloseable {
    private static final long QUIET_SECONDS = 2;

    private final PrintWriter err;
    private final int scenarios;
    private final long paths;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService timer;
    private volatile String scenario = "";
    private volatile String phase = "";
    private volatile int index;

    ProgressReporter(PrintWriter err, int scenarios, long paths) {
        this.err = err;
        this.scenarios = scenarios;
        this.paths = paths;
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runway-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, QUIET_SECONDS, QUIET_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts counting the paths of the next scenario. */
    @Override
    public AtomicLong begin(String name) {
        scenario = name;
        phase = "";
        index++;
        done.set(0);
        return done;
    }

    /** Says what the run is doing when it is not counting paths (an analysis of a scenario). */
    @Override
    public void phase(String name, String what) {
        scenario = name;
        phase = what;
    }

    /** Prints the line at once. */
    @Override
    public void note(String line) {
        err.println(line);
        err.flush();
    }

    private void report() {
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!phase.isEmpty()) {
            err.println(String.format(Locale.ROOT, "[%.0fs] %s: %s", seconds, scenario, phase));
            err.flush();
            return;
        }
        long total = (index - 1) * paths + done.get();
        String share = paths > 0 ? String.format(Locale.ROOT, "%.0f%% of %,d paths", 100.0 * done.get() / paths, paths)
                : String.format(Locale.ROOT, "%,d paths so far", done.get());
        err.println(String.format(Locale.ROOT, "[%.0fs] %s (scenario %d of %d): %s; %,.0f paths/s", seconds, scenario,
                index, scenarios, share, (paths > 0 ? total : done.get()) / seconds));
        err.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
