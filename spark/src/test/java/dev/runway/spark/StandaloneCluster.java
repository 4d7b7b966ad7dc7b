package dev.runway.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine: a master and workers, each its own JVM, run from
 * the jars Maven fetched laid out as a Spark distribution ({@code $SPARK_HOME/jars}, {@code
 * conf/log4j2.properties}), so the workers start executors as they would on a real cluster, and
 * jobs are submitted through spark-submit's own main class ({@code SparkSubmit}). Everything
 * binds to 127.0.0.1. {@link #close} stops every JVM it started — executors included — and a
 * shutdown hook does the same if the test JVM exits first.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final Pattern MASTER_URL = Pattern.compile("\"url\"\\s*:\\s*\"(spark://[^\"]+)\"");

    private final Path dir;
    private final Path sparkHome;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private final Thread stopOnExit = new Thread(this::stopAll, "stop-standalone-cluster");
    private String masterUrl;

    private StandaloneCluster(Path dir) {
        this.dir = dir;
        this.sparkHome = dir.resolve("spark-home");
    }

    /**
     * Starts a master and {@code workers} workers of one core and {@code workerMemory} each, and
     * waits until the master counts them all alive.
     *
     * @param sparkJars the jars of Spark and what it needs; none of the job's own classes
     */
    static StandaloneCluster start(Path dir, List<Path> sparkJars, int workers, String workerMemory,
            Duration timeout) throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(dir);
        Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
        try {
            layOutSparkHome(cluster.sparkHome, sparkJars);
            int webUi = freePort();
            cluster.launch("master", List.of("-Xmx256m"), "org.apache.spark.deploy.master.Master",
                    List.of("--host", HOST, "--port", "0", "--webui-port", Integer.toString(webUi)));
            String masterUrl = cluster.awaitMaster(webUi, 0, timeout);
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + w));
                cluster.workDirs.add(work);
                cluster.launch("worker-" + w, List.of("-Xmx256m"), "org.apache.spark.deploy.worker.Worker",
                        List.of(masterUrl, "--host", HOST, "--port", "0", "--webui-port", "0", "--cores", "1",
                                "--memory", workerMemory, "--work-dir", work.toString()));
            }
            cluster.masterUrl = cluster.awaitMaster(webUi, workers, timeout);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            try {
                cluster.close();
            } catch (IOException | RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
    }

    /**
     * Runs {@code spark-submit} — {@code SparkSubmit} in a JVM of its own, the driver in client
     * mode — against this cluster, and returns its exit code; past {@code timeout} it is killed
     * and the code is -1. Its output goes to {@code log}.
     */
    int submit(Path log, Duration timeout, List<String> arguments) throws IOException, InterruptedException {
        List<String> submit = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "client"));
        submit.addAll(arguments);
        Process driver = launch(log, List.of("-Xmx512m"), "org.apache.spark.deploy.SparkSubmit", submit);
        if (driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return driver.exitValue();
        }
        stop(driver);
        return -1;
    }

    /** The last lines of every log of this cluster's JVMs, executors included, to say why something failed. */
    String logTails() {
        List<Path> all = new ArrayList<>(logs);
        for (Path work : workDirs) {
            // A worker keeps each executor's output in work/app-id/executor-id/stderr.
            try (Stream<Path> files = Files.walk(work)) {
                files.filter(file -> file.getFileName().toString().equals("stderr")).sorted().forEach(all::add);
            } catch (IOException e) {
                all.add(work);
            }
        }
        StringBuilder tails = new StringBuilder();
        for (Path log : all) {
            tails.append("\n--- ").append(dir.relativize(log)).append(" ---\n");
            try {
                List<String> lines = Files.readAllLines(log);
                tails.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            } catch (IOException e) {
                tails.append(e);
            }
        }
        return tails.toString();
    }

    @Override
    public void close() throws IOException {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to remove.
        }
        // The links to the jars go with the cluster (deleting a link leaves its jar in place).
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            return;
        }
        try (Stream<Path> jars = Files.list(sparkHome.resolve("jars"))) {
            for (Path jar : jars.collect(Collectors.toList())) {
                Files.delete(jar);
            }
        }
    }

    private synchronized void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
    }

    /** Stops a JVM and what it started (a worker's executors), politely first, then by force. */
    private static void stop(Process process) {
        List<ProcessHandle> family = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .collect(Collectors.toList());
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP.toNanos();
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                member.destroyForcibly();
            }
        }
    }

    private Process launch(String name, List<String> heap, String mainClass, List<String> arguments)
            throws IOException {
        return launch(dir.resolve(name + ".log"), heap, mainClass, arguments);
    }

    private synchronized Process launch(Path log, List<String> heap, String mainClass, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(heap);
        // Short-lived JVMs on a few cores: compiling hot code fully and a parallel collector cost more than they save.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(moduleOptions());
        command.add("-cp");
        command.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars").resolve("*"));
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        // A Spark installed on this machine must not leak its configuration into the test's cluster.
        environment.keySet().removeIf(key -> key.startsWith("SPARK_") || key.startsWith("HADOOP_"));
        environment.put("SPARK_HOME", sparkHome.toString());
        // Spark's launcher asks for the Scala version of a build tree unless it is given.
        environment.put("SPARK_SCALA_VERSION", "2.13");
        // Binds the web UIs to loopback too, and stops the warning that the hostname resolves to it.
        environment.put("SPARK_LOCAL_IP", HOST);
        logs.add(log);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** The master's URL once its web UI counts {@code workers} alive workers. */
    private String awaitMaster(int webUi, int workers, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + webUi + "/json/"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a JVM of the cluster exited with " + process.exitValue()
                            + " while waiting for " + workers + " worker(s):" + logTails());
                }
            }
            try {
                state = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher alive = ALIVE_WORKERS.matcher(state);
                Matcher url = MASTER_URL.matcher(state);
                if (alive.find() && Integer.parseInt(alive.group(1)) >= workers && url.find()) {
                    return url.group(1);
                }
            } catch (IOException notUpYet) {
                state = notUpYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the master did not count " + workers + " alive worker(s) within " + timeout
                + "; it last said: " + state + logTails());
    }

    /** A Spark distribution's layout: {@code jars/} (links to the given jars) and {@code conf/}. */
    private static void layOutSparkHome(Path home, List<Path> sparkJars) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (int i = 0; i < sparkJars.size(); i++) {
            Path jar = sparkJars.get(i).toAbsolutePath();
            // Numbered, as two artifacts may share a file name.
            Path link = jars.resolve(String.format("%03d-%s", i, jar.getFileName()));
            try {
                Files.createSymbolicLink(link, jar);
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.copy(jar, link);
            }
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        try (InputStream quiet = StandaloneCluster.class.getResourceAsStream("/standalone-cluster/log4j2.properties")) {
            Files.copy(quiet, conf.resolve("log4j2.properties"));
        }
    }

    /** The --add-opens this JVM runs with (the pom's spark.jvm.options), which Spark needs on Java 17. */
    private static List<String> moduleOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("--add-opens=") || option.startsWith("-Djdk.reflect.")
                        || option.equals("-XX:+IgnoreUnrecognizedVMOptions"))
                .collect(Collectors.toList());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
