package dev.runway.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One value per worker thread, for the length of one run. Not a ThreadLocal: the pool's threads
 * outlive the run, and a ThreadLocal's value stays in them until the JVM happens to clear it; a
 * kernel's workspace points at the run's output arrays, so every finished run could keep its
 * paths alive, and a run whose memory was checked beforehand still died of OutOfMemoryError.
 * Here the values go with the run.
 */
final class PerWorker<T> {
    private final Map<Thread, T> values = new ConcurrentHashMap<>();
    private final Supplier<T> create;

    PerWorker(Supplier<T> create) {
        this.create = create;
    }

    /** The calling thread's value, made on its first call. */
    T get() {
        return values.computeIfAbsent(Thread.currentThread(), thread -> create.get());
    }
}
