package dev.runway.spark;

import dev.runway.cli.RunwayCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job on a real cluster: a standalone master and two workers, each its own JVM, whose
 * classpath holds Spark and its libraries but none of Runway's classes; the job goes in through
 * spark-submit with its jar and the engine's, which Spark ships to the two executors (one core and
 * 512 MB each). The scenario is broadcast to them, the tasks' closures and their blocks of paths
 * cross JVMs both ways, and the files are still the local engine's byte for byte.
 */
class StandaloneClusterTest {
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final Pattern TASK_END = Pattern.compile("\"Event\":\"SparkListenerTaskEnd\".*?\"Executor ID\":\"([^\"]+)\"");

    @TempDir
    static Path tmp;
    private static StandaloneCluster cluster;

    /** Two scenarios, 20,000 paths each: small, but more than one block per task. */
    private static List<String> run() {
        return List.of("--inputs", Path.of("../inputs/nissan").toAbsolutePath().normalize().toString(), "--paths",
                "20000", "--seed", "11", "--method", "antithetic", "--scenario", "toyota_backstop", "--scenario",
                "tariff_shock");
    }

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException, URISyntaxException {
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), sparkJars(), 2, "1g", START);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void onAStandaloneClusterTheJobWritesTheLocalEnginesFilesByteForByte() throws Exception {
        Map<String, String> local = simulateLocally("local");

        Map<String, String> onCluster = submit("on-cluster");

        assertEquals(local.keySet(), onCluster.keySet());
        assertEquals(local, onCluster);
        assertTrue(local.containsKey("tariff_shock/quarterly.csv"));
        assertEquals(Set.of("0", "1"), executorsThatRanTasks("on-cluster"), "the tasks ran in both executors");
    }

    @Test
    void streamedOnAStandaloneClusterTheStatisticsAreTheLocalStreamedOnes() throws Exception {
        Map<String, String> local = simulateLocally("local-streamed", "--statistics", "streaming");

        Map<String, String> onCluster = submit("on-cluster-streamed", "--statistics", "streaming", "--partitions", "3");

        assertEquals(local, onCluster);
        assertTrue(local.get("manifest.csv").contains("percentiles,\"streaming"));
        assertEquals(Set.of("0", "1"), executorsThatRanTasks("on-cluster-streamed"), "the tasks ran in both executors");
    }

    /** {@code runway simulate} of {@link #run} in this JVM; the files it writes. */
    private static Map<String, String> simulateLocally(String name, String... options) throws IOException {
        Path out = tmp.resolve(name);
        CommandLine command = RunwayCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));
        command.setOut(new PrintWriter(new StringWriter()));
        String[] args = Stream.of(Stream.of("simulate", "--out", out.toString()), run().stream(), Stream.of(options))
                .flatMap(s -> s).toArray(String[]::new);
        assertEquals(0, command.execute(args), err.toString());
        return SparkRunwayTest.files(out);
    }

    /**
     * The job of {@link #run} submitted to the cluster with its jar and the engine's, as a user
     * would with spark-submit; the files it writes. Its event log goes to {@code name-events}.
     */
    private static Map<String, String> submit(String name, String... options) throws Exception {
        Path out = tmp.resolve(name);
        Path events = Files.createDirectories(tmp.resolve(name + "-events"));
        List<String> submit = new ArrayList<>(List.of("--class", SparkRunway.class.getName(),
                "--conf", "spark.executor.memory=512m",
                // As the cluster's own JVMs: a small job on few cores (the --add-opens Spark adds itself).
                "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                "--conf", "spark.ui.enabled=false",
                // Both executors registered before the first task, so the tasks are spread over the two.
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=" + START.toSeconds() + "s",
                "--conf", "spark.eventLog.enabled=true",
                "--conf", "spark.eventLog.dir=" + events.toUri(),
                "--jars", jarOf(RunwayCommand.class, "runway-engine.jar").toString(),
                jarOf(SparkRunway.class, "runway-spark.jar").toString(),
                "--out", out.toString()));
        submit.addAll(run());
        submit.addAll(Arrays.asList(options));

        int exit = cluster.submit(tmp.resolve("cluster").resolve(name + "-spark-submit.log"), RUN, submit);

        assertEquals(0, exit, "spark-submit failed:" + cluster.logTails());
        return SparkRunwayTest.files(out);
    }

    /** The executor of every finished task of a submitted job, from its driver's event log. */
    private static Set<String> executorsThatRanTasks(String name) throws IOException {
        Path events = tmp.resolve(name + "-events");
        Set<String> executors = new TreeSet<>();
        try (Stream<Path> logs = Files.list(events)) {
            for (Path log : logs.collect(Collectors.toList())) {
                for (String line : Files.readAllLines(log)) {
                    Matcher task = TASK_END.matcher(line);
                    if (task.find()) {
                        executors.add(task.group(1));
                    }
                }
            }
        }
        return executors;
    }

    /**
     * The cluster's classpath: this test's, without Runway's own classes (the engine, the job and
     * these tests), so that the job runs only if spark-submit ships its jars.
     */
    private static List<Path> sparkJars() throws URISyntaxException {
        Set<Path> runway = Set.of(codeSource(RunwayCommand.class), codeSource(SparkRunway.class),
                codeSource(StandaloneClusterTest.class));
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (runway.contains(path) || !Files.exists(path)) {
                continue;
            }
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("the test classpath has a folder " + path
                        + ", which a Spark distribution's jars/ cannot hold; expected only Spark's jars");
            }
            jars.add(path);
        }
        return jars;
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
    }

    /**
     * The jar {@code type} was loaded from; if it was a folder of classes (a reactor build before
     * its package phase), a jar of that folder, as the package phase would make it.
     */
    private static Path jarOf(Class<?> type, String name) throws IOException, URISyntaxException {
        Path source = codeSource(type);
        if (Files.isRegularFile(source)) {
            return source;
        }
        Path jar = tmp.resolve("jars").resolve(name);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> walk = Files.walk(source)) {
            for (Path entry : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry(String.join("/", Arrays.stream(
                        source.relativize(entry).toString().split(Pattern.quote(File.separator))).toList())));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
