/** JMH benchmarks of the engine's hot loop and its parts. */
package dev.runway.bench;
