package no.pakkeforlop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application ({@code java -jar target/*.jar}) as a separate JVM, for tests
 * that need real processes: several nodes on one database, a node killed in the middle of
 * its work, a restart.
 *
 * <p>
 * Each process gets its own port, its own working directory and its own log file under
 * the build directory ({@code <build>/apps/<name>/<name>.log}, {@code <name>.2.log} after
 * a restart). {@link Builder#start()} waits until the application answers HTTP;
 * {@link #stop()} asks it to shut down (SIGTERM, as an orchestrator does) and waits;
 * {@link #kill()} is {@code kill -9}: no shutdown hook, no graceful anything. A JVM
 * shutdown hook kills whatever a failed test leaves running.
 *
 * <pre>{@code
 * AppProcess.Builder node = AppProcess.builder("node-a")
 *     .args("--spring.profiles.active=postgres", "--camunda.bpm.admin-user.id=admin",
 *           "--camunda.bpm.admin-user.password=" + password)
 *     .env("SPRING_DATASOURCE_URL", url)
 *     .credentials("admin", password);
 * try (AppProcess a = node.start()) {
 *   HttpResponse<String> r = a.post("/api/referrals", json);
 *   a.kill();
 *   AppProcess again = node.start();   // same port, same arguments, next log file
 * }
 * }</pre>
 */
public final class AppProcess implements AutoCloseable {

    /**
     * System property with the packaged jar (the failsafe configuration sets it);
     * otherwise found in the build dir.
     */
    public static final String JAR_PROPERTY = "app.jar";

    /**
     * System property with Maven's build directory ({@code -DbuildDirectory}), default
     * {@code target}.
     */
    public static final String BUILD_DIRECTORY_PROPERTY = "build.directory";

    private static final Duration POLL = Duration.ofMillis(250);

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private static final int LOG_TAIL_LINES = 60;

    private final Builder builder;

    private final Process process;

    private final Path logFile;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Thread reaper;

    private AppProcess(Builder builder, Process process, Path logFile) {
        this.builder = builder;
        this.process = process;
        this.logFile = logFile;
        this.reaper = new Thread(process::destroyForcibly, "AppProcess-reaper-" + builder.name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    // ------------------------------------------------------------------ what it is

    public String name() {
        return builder.name;
    }

    public int port() {
        return builder.port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + builder.port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of this process's log, for failure messages. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log yet at " + logFile + ")";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Waits until the application answers its readiness request, or fails with the end of
     * its log.
     */
    public AppProcess awaitReady() {
        long deadline = System.nanoTime() + builder.startupTimeout.toNanos();
        long started = System.nanoTime();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited with code " + process.exitValue()
                        + " before it was ready. Log " + logFile + ":\n" + logTail(LOG_TAIL_LINES));
            }
            try {
                HttpResponse<String> response = send(
                        request(builder.readinessPath).GET().timeout(Duration.ofSeconds(5)));
                if (builder.credentials != null ? response.statusCode() == 200 : response.statusCode() < 500) {
                    System.out.printf("%s is ready on port %d (pid %d) after %.1f s%n", name(), port(), pid(),
                            (System.nanoTime() - started) / 1e9);
                    return this;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " was not ready within " + builder.startupTimeout.toSeconds()
                        + " s (GET " + builder.readinessPath + "). Log " + logFile + ":\n" + logTail(LOG_TAIL_LINES));
            }
            pause(POLL);
        }
    }

    /**
     * Asks the application to shut down (SIGTERM: Spring closes the context, the job
     * executor stops) and waits up to {@code timeout}; kills it if it has not exited by
     * then.
     * @return how long the shutdown took
     */
    public Duration stop(Duration timeout) {
        long t0 = System.nanoTime();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println(name() + " did not stop within " + timeout.toSeconds() + " s; killing it");
                    kill();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        removeReaper();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    public Duration stop() {
        return stop(Duration.ofSeconds(30));
    }

    /**
     * {@code kill -9}: the JVM dies at once, in the middle of whatever it was doing.
     * Waits until it is gone.
     */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Unix
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name() + " (pid " + pid() + ") survived SIGKILL for 30 s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name(), e);
        }
        removeReaper();
    }

    @Override
    public void close() {
        stop();
    }

    private void removeReaper() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
        catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    // ------------------------------------------------------------------ HTTP

    public HttpResponse<String> get(String path) {
        return send(path, request(path).GET());
    }

    /** POST with a JSON body. */
    public HttpResponse<String> post(String path, String json) {
        return send(path, request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** PUT with a JSON body. */
    public HttpResponse<String> put(String path, String json) {
        return send(path, request(path).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(HTTP_TIMEOUT)
            .header("Accept", "application/json");
        if (builder.credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(builder.credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private HttpResponse<String> send(String path, HttpRequest.Builder request) {
        try {
            return send(request);
        }
        catch (IOException e) {
            throw new UncheckedIOException(name() + ": request to " + path + " failed: " + e, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ where things are

    /**
     * Maven's build directory: system property {@value #BUILD_DIRECTORY_PROPERTY},
     * default {@code target}.
     */
    public static Path buildDirectory() {
        return Path.of(System.getProperty(BUILD_DIRECTORY_PROPERTY, "target")).toAbsolutePath();
    }

    /**
     * The executable jar made by {@code mvn package}: system property
     * {@value #JAR_PROPERTY}, otherwise the one {@code *.jar} in the build directory.
     */
    public static Path packagedJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The application jar " + jar + " (system property " + JAR_PROPERTY
                        + ") does not exist. Run `mvn package` first (failsafe runs after it in `mvn verify`).");
            }
            return jar;
        }
        Path dir = buildDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
                .toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("Expected one executable jar in " + dir + ", found " + jars
                        + ". Run `mvn package` first, or set -D" + JAR_PROPERTY + "=<path>.");
            }
            return jars.get(0);
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not list " + dir + " to find the application jar: " + e, e);
        }
    }

    /** A TCP port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("No free TCP port: " + e, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    // ------------------------------------------------------------------ builder

    /**
     * How to start one node; {@link #start()} may be called again after a stop or kill (a
     * restart).
     */
    public static final class Builder {

        private final String name;

        private Path jar;

        private int port;

        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));

        private final List<String> args = new ArrayList<>();

        private final Map<String, String> env = new LinkedHashMap<>();

        private String credentials;

        private String readinessPath;

        private Path workDirectory;

        private Duration startupTimeout = Duration.ofMinutes(3);

        private int starts;

        private Builder(String name) {
            if (!name.matches("[a-zA-Z0-9_-]+")) {
                throw new IllegalArgumentException("A process name is letters, digits, - and _: " + name);
            }
            this.name = name;
        }

        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /**
         * The HTTP port; a free one when not given. The same port is used again on a
         * restart.
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** JVM options; replaces the default {@code -Xmx512m}. */
        public Builder jvmArgs(String... options) {
            jvmArgs.clear();
            jvmArgs.addAll(List.of(options));
            return this;
        }

        /** Application arguments ({@code --name=value}), after {@code --server.port}. */
        public Builder args(String... arguments) {
            args.addAll(List.of(arguments));
            return this;
        }

        /**
         * An environment variable of the process. The process does not inherit the test's
         * own {@code SPRING_*} and {@code CAMUNDA_*} variables, so only what the test
         * gives here reaches the application.
         */
        public Builder env(String variable, String value) {
            env.put(variable, value);
            return this;
        }

        /**
         * HTTP Basic credentials for every request, including the readiness check
         * ({@code GET /engine-rest/engine}).
         */
        public Builder credentials(String user, String password) {
            this.credentials = user + ":" + password;
            return this;
        }

        /**
         * What to ask until the application is ready: 200 with credentials, any answer
         * below 500 without.
         */
        public Builder readinessPath(String path) {
            this.readinessPath = path;
            return this;
        }

        /**
         * The working directory (default {@code <build>/apps/<name>}); the log files go
         * there too.
         */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Starts the JVM and returns at once; call {@link AppProcess#awaitReady()} before
         * using it.
         */
        public AppProcess launch() {
            Path jarFile = jar != null ? jar : packagedJar();
            if (port == 0) {
                port = freePort();
            }
            if (readinessPath == null) {
                readinessPath = credentials != null ? "/engine-rest/engine" : "/";
            }
            Path dir = workDirectory != null ? workDirectory : buildDirectory().resolve("apps").resolve(name);
            starts++;
            Path log = dir.resolve(starts == 1 ? name + ".log" : name + "." + starts + ".log");
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmArgs);
            command.add("-jar");
            command.add(jarFile.toString());
            command.add("--server.port=" + port);
            command.addAll(args);
            try {
                Files.createDirectories(dir);
                Files.deleteIfExists(log);
                Files.writeString(log, "$ " + String.join(" ", redacted(command)) + "\n", StandardCharsets.UTF_8);
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("CAMUNDA_"));
                pb.environment().putAll(env);
                return new AppProcess(this, pb.start(), log);
            }
            catch (IOException e) {
                throw new UncheckedIOException(
                        "Could not start " + name + " (" + String.join(" ", redacted(command)) + "): " + e, e);
            }
        }

        /** Starts the JVM and waits until it is ready. */
        public AppProcess start() {
            AppProcess process = launch();
            try {
                return process.awaitReady();
            }
            catch (RuntimeException e) {
                process.kill();
                throw e;
            }
        }

        private static String javaExecutable() {
            Optional<String> current = ProcessHandle.current().info().command();
            return current.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }

        /** The command line for the log, without the values of password arguments. */
        private static List<String> redacted(List<String> command) {
            return command.stream()
                .map(a -> a.matches("--[^=]*password=.*") ? a.replaceAll("=.*", "=*****") : a)
                .toList();
        }

    }

}
