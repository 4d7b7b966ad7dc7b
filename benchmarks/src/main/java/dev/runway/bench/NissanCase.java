package dev.runway.bench;

import dev.runway.io.InputReader;
import dev.runway.model.InputException;
import dev.runway.model.Scenario;
import dev.runway.sim.Simulation;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shipped Nissan inputs from the repository root or from a module folder. */
final class NissanCase {
    private NissanCase() {
    }

    static Path folder() {
        for (String candidate : new String[] {"inputs/nissan", "../inputs/nissan"}) {
            if (Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("run the benchmarks from the repository root: inputs/nissan not found");
    }

    static Scenario scenario(String name) {
        try {
            return InputReader.read(folder()).scenario(name)
                    .orElseThrow(() -> new IllegalArgumentException("no scenario " + name + " in inputs/nissan"));
        } catch (InputException e) {
            throw new IllegalStateException(e.errors().toString(), e);
        }
    }

    /**
     * Primes the JIT as a run does before its first scenario ({@link Simulation#prime}): the
     * scenario's walk with every event branch taken, so that a benchmark measures the code a run
     * runs, not code compiled for a profile without events.
     */
    static void prime(Scenario scenario) {
        Simulation simulation = new Simulation(1);
        try {
            simulation.prime(scenario);
        } finally {
            simulation.pool().shutdown();
        }
    }
}
