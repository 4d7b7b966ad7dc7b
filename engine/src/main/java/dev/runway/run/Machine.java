package dev.runway.run;

import dev.runway.output.ShellCommand;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What this machine and this JVM allow, so that resource options (threads, memory, paths kept
 * in memory) are checked before any work instead of failing in the middle of it with an
 * OutOfMemoryError or a thread pool's exception.
 */
public final class Machine {
    /** More threads than this many per core only add switching; the cap also keeps a typo (40000) out. */
    public static final int THREADS_PER_CORE = 4;

    /**
     * Heap kept free beside what a run is counted to need: the JVM's own objects, the inputs and the
     * compiled model, the CSV writing, and room for the collector to place the large path arrays.
     * An eighth of the heap limit, and at least 16 MB. Measured with -Xmx512m (a 64 MB reserve)
     * and exact statistics of one Nissan scenario (313 bytes a path): 1.3 and 1.4 million paths
     * took 3.6 s, 1.5 million 10.7 s (the collector thrashing), 1.55 million 16 s, and 1.6 million
     * died of OutOfMemoryError; the check lets 1.3 million through and refuses 1.4 million. A fixed
     * 64 MB refused every run at -Xmx64m, the heap the JVM picks in a 128 MB container.
     */
    public static long reserveBytes() {
        long limit = heapLimit();
        return limit == Long.MAX_VALUE ? 64 * MB : Math.max(16 * MB, limit / 8);
    }

    private static final long MB = 1L << 20;

    private Machine() {
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The most worker threads an option may ask for. */
    public static int maxThreads() {
        return THREADS_PER_CORE * cores();
    }

    /** Why a thread count is below 1 or above {@link #maxThreads} (naming the machine's cores), or null. */
    public static String threadsProblem(int threads) {
        if (threads < 1 || threads > maxThreads()) {
            return String.format(Locale.ROOT, "--threads must be from 1 to %d (%d per core; this machine has %d "
                    + "core(s)), found %d", maxThreads(), THREADS_PER_CORE, cores(), threads);
        }
        return null;
    }

    /** The most heap the JVM will use (its -Xmx), in bytes; Long.MAX_VALUE when it has no limit. */
    public static long heapLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The heap not yet used: the limit minus what is in use now. */
    public static long heapFree() {
        Runtime runtime = Runtime.getRuntime();
        return heapLimit() == Long.MAX_VALUE ? Long.MAX_VALUE
                : runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * Why {@code bytes} of arrays would not fit the heap left, or null if they fit (with
     * {@link #reserveBytes} to spare); {@code what} names what needs them.
     */
    public static String heapProblem(String what, long bytes) {
        long free = heapFree();
        if (free != Long.MAX_VALUE && bytes > free - reserveBytes()) {
            // What is in use may be garbage not yet collected (a long-lived JVM, the tests'): collect once
            // before refusing, so only memory that is really taken counts.
            System.gc();
            free = heapFree();
        }
        if (free == Long.MAX_VALUE || bytes <= free - reserveBytes()) {
            return null;
        }
        return String.format(Locale.ROOT, "%s: %s needed, and the JVM has %s of heap free (its limit, -Xmx, is %s)",
                what, megabytes(bytes), megabytes(Math.max(0, free)), megabytes(heapLimit()));
    }

    /**
     * The last clause of a message about a heap too small for {@code bytes} of arrays: the same
     * command with a larger -Xmx, or, when that would be more than the machine's memory, that a
     * larger heap is no way out. {@code otherwise} lists the other ways, e.g. "use fewer --paths".
     */
    public static String heapAdvice(String otherwise, long bytes) {
        double wanted = (bytes + 2.0 * reserveBytes()) * 1.25;
        long physical = physicalMemory();
        if (physical > 0 && wanted > physical) {
            return otherwise + " (a heap that large would be more than this machine's " + megabytes(physical)
                    + " of memory)";
        }
        long gigabytes = Math.max(1, (long) Math.ceil(wanted / (1L << 30)));
        String option = "-Xmx" + gigabytes + "g";
        String prefix = commandPrefix();
        return otherwise + ", or raise the heap: " + (prefix.startsWith("java ")
                ? "java " + option + prefix.substring("java".length()) : "JAVA_OPTS=" + option + " " + prefix) + " ...";
    }

    /**
     * What the user typed to start Runway, as {@code bin/runway} or the command line's main sets it
     * ({@link ShellCommand#PROPERTY}), else {@code runway}.
     */
    public static String commandPrefix() {
        String command = System.getProperty(ShellCommand.PROPERTY);
        return command == null || command.isBlank() ? "runway" : command.strip();
    }

    /** The machine's memory in bytes, or 0 if the JVM cannot tell. */
    public static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    /** The heap limit in whole megabytes, for the --memory option's bound. */
    public static long heapLimitMegabytes() {
        return heapLimit() / MB;
    }

    public static String megabytes(long bytes) {
        return bytes == Long.MAX_VALUE ? "no limit" : String.format(Locale.ROOT, "%,d MB", (bytes + MB - 1) / MB);
    }

    /** {@code count * each}, or Long.MAX_VALUE where that would overflow: a need too large to fit anyway. */
    public static long times(long count, long each) {
        long high = Math.multiplyHigh(count, each);
        long low = count * each;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }
}
