package no.pakkeforlop.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests, started from the locally installed PostgreSQL server
 * binaries (Debian: {@code apt-get install -y postgresql}, which puts them under
 * {@code /usr/lib/postgresql/<version>/bin}). Plain JDK + JDBC, no other dependencies.
 *
 * <p>{@link #shared()} starts one server per JVM, lazily, on the first call: {@code initdb} into a
 * fresh directory under {@code /tmp}, then {@code pg_ctl start} on a free TCP port, listening on
 * 127.0.0.1 only, with its unix socket in that directory. Durability is switched off (fsync,
 * synchronous_commit, full_page_writes) since the data is thrown away. A JVM shutdown hook stops the
 * server ({@code pg_ctl stop -m immediate}) and deletes the directory.
 *
 * <p>Each test class or Spring context should take its own database with {@link
 * #createDatabase(String)} or {@link #createUniqueDatabase(String)}, so tests don't see each other's
 * data.
 *
 * <p>Binaries: the directory in the system property {@code pg.bin} or the environment variable
 * {@code PG_BIN} if set, otherwise the highest version under {@code /usr/lib/postgresql/*&#47;bin},
 * otherwise {@code initdb}/{@code pg_ctl} on the PATH. If none is found, {@link #shared()} throws an
 * {@link IllegalStateException} that says how to install them: tests fail, they are not skipped.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root (as CI does), initdb and pg_ctl run
 * as the {@code postgres} system user (created by the Debian package) through {@code runuser}; if
 * there is no such user, start-up fails with a clear message (no user is created).
 *
 * <p>Authentication: TCP connections (127.0.0.1 only) use scram-sha-256 with a random password made
 * per server ({@link #username()}/{@link #password()}); the unix socket, in a directory only the
 * server's OS user can enter, uses trust.
 */
public final class PostgresServer {

    /** Environment variable naming the directory that holds initdb, pg_ctl and postgres. */
    public static final String PG_BIN_ENV = "PG_BIN";
    /** System property with the same meaning as {@link #PG_BIN_ENV}; wins over it. */
    public static final String PG_BIN_PROPERTY = "pg.bin";

    static final String INSTALL_HINT =
            "Install them with: apt-get install -y postgresql (Debian/Ubuntu), "
                    + "or set the environment variable " + PG_BIN_ENV
                    + " to the directory that holds initdb, pg_ctl and postgres.";

    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    private static final String OS_USER_WHEN_ROOT = "postgres";
    private static final Path DEBIAN_PG_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static PostgresServer shared;
    private static IllegalStateException sharedFailure;

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final Path commandLog;
    private final Path serverLog;
    private final String osUser; // null: run the binaries as the JVM's own user
    private final String password;
    private final AtomicInteger uniqueCounter = new AtomicInteger();
    private volatile int port = -1;
    private volatile boolean stopped;
    private String serverVersion;
    private Duration startupTime;

    /**
     * The JVM-wide server, started on the first call (which takes a second or two), stopped when the
     * JVM exits.
     *
     * @throws IllegalStateException if the server cannot be started, e.g. because the PostgreSQL
     *     binaries are not installed; every later call throws again with the same message
     */
    public static synchronized PostgresServer shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
        }
        try {
            shared = start();
            return shared;
        } catch (RuntimeException | Error e) {
            sharedFailure = e instanceof IllegalStateException ise
                    ? ise
                    : new IllegalStateException("Could not start the test PostgreSQL server: " + e, e);
            throw sharedFailure;
        }
    }

    /** Creates the database {@code name} and returns its JDBC URL; fails if it already exists. */
    public String createDatabase(String name) {
        if (name == null || !DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DB_NAME.pattern()
                    + " (lower case letters, digits, underscore; at most 63 characters), got: " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Database '" + name + "' already exists on the test "
                        + "PostgreSQL server; pick another name or use createUniqueDatabase(prefix)", e);
            }
            throw new IllegalStateException("Could not create database '" + name + "': " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Creates a database whose name starts with {@code prefix} and is unique on this server (for this
     * JVM), and returns its JDBC URL.
     */
    public String createUniqueDatabase(String prefix) {
        String p = prefix == null ? "" : prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        if (p.isEmpty() || !Character.isLetter(p.charAt(0)) && p.charAt(0) != '_') {
            p = "db_" + p;
        }
        String suffix = "_" + uniqueCounter.incrementAndGet();
        if (p.length() + suffix.length() > 63) {
            p = p.substring(0, 63 - suffix.length());
        }
        return createDatabase(p + suffix);
    }

    /** JDBC URL of database {@code database} on this server (which need not exist yet). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** A new connection to {@code database} as {@link #username()}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username(), password());
    }

    /** The superuser name to connect with. */
    public String username() {
        return SUPERUSER;
    }

    /** The superuser's password (random, made when this server was started). */
    public String password() {
        return password;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The server's {@code SELECT version()}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** How long {@code initdb} + {@code pg_ctl start} took. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Directory with the data directory, unix socket and logs; deleted at JVM exit. */
    public Path baseDirectory() {
        return baseDir;
    }

    // ------------------------------------------------------------------ start-up

    private PostgresServer(Path binDir, Path baseDir, String osUser) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.commandLog = baseDir.resolve("commands.log");
        this.serverLog = baseDir.resolve("server.log");
        this.osUser = osUser;
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        this.password = HexFormat.of().formatHex(bytes);
    }

    private static PostgresServer start() {
        long t0 = System.nanoTime();
        Path binDir = findBinDir();
        String osUser = null;
        if (isRoot()) {
            osUser = OS_USER_WHEN_ROOT;
            findRunuser(); // fail early and clearly
        }
        Path base;
        try {
            Path tmp = Path.of("/tmp");
            base = Files.isDirectory(tmp)
                    ? Files.createTempDirectory(tmp, "pgtest-")
                    : Files.createTempDirectory("pgtest-");
        } catch (IOException e) {
            throw new IllegalStateException("Could not create a temporary directory for PostgreSQL: " + e, e);
        }
        PostgresServer server = new PostgresServer(binDir, base, osUser);
        Thread hook = new Thread(server::stopAndDelete, "PostgresServer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.initdb();
            server.startServer();
            server.startupTime = Duration.ofNanos(System.nanoTime() - t0);
            server.serverVersion = server.queryVersion();
            System.out.printf("PostgresServer: %s on %s:%d started in %d ms (%s)%n",
                    server.serverVersion.split(" on ")[0], HOST, server.port,
                    server.startupTime.toMillis(), base);
            return server;
        } catch (RuntimeException | Error e) {
            server.stopAndDelete();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // JVM already shutting down
            }
            throw e;
        }
    }

    private void initdb() {
        Path pwFile = baseDir.resolve("pwfile");
        try {
            Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
            if (osUser != null) {
                chownRecursively(baseDir, osUser);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare " + baseDir + ": " + e, e);
        }
        try {
            run("initdb", COMMAND_TIMEOUT,
                    binDir.resolve("initdb").toString(),
                    "-D", dataDir.toString(),
                    "-U", SUPERUSER,
                    "--pwfile=" + pwFile,
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "-E", "UTF8",
                    "--locale=C",
                    "--no-sync");
        } finally {
            try {
                Files.deleteIfExists(pwFile);
            } catch (IOException ignored) {
                // the whole directory goes at exit anyway
            }
        }
        String settings = String.join("\n",
                "",
                "# ---- added by " + PostgresServer.class.getName() + " (throwaway test server) ----",
                "listen_addresses = '" + HOST + "'",
                "unix_socket_directories = '" + baseDir.toString().replace("'", "''") + "'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 200",
                "");
        try {
            // appending keeps the file's owner (the server's OS user)
            Files.writeString(dataDir.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write postgresql.conf: " + e, e);
        }
    }

    private void startServer() {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = freePort();
            try {
                Files.deleteIfExists(serverLog); // so the check below sees this attempt's log only
            } catch (IOException ignored) {
                // pg_ctl appends then; the check may retry once too often, no harm
            }
            try {
                run("pg_ctl start", COMMAND_TIMEOUT.plusSeconds(30),
                        binDir.resolve("pg_ctl").toString(),
                        "-D", dataDir.toString(),
                        "-l", serverLog.toString(),
                        "-o", "-p " + port,
                        "-w", "-t", String.valueOf(COMMAND_TIMEOUT.toSeconds()),
                        "start");
                return;
            } catch (IllegalStateException e) {
                last = e;
                // another process may have taken the port between freePort() and the bind: try again
                if (!tail(serverLog).contains("Address already in use")) {
                    throw e;
                }
                killPostmasterIfRunning();
            }
        }
        throw last;
    }

    private String queryVersion() {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started on " + HOST + ":" + port
                    + " but a JDBC connection failed: " + e.getMessage() + logTails(), e);
        }
    }

    // ------------------------------------------------------------------ shutdown

    private synchronized void stopAndDelete() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            awaitClientsGone(Duration.ofSeconds(10));
            try {
                run("pg_ctl stop", Duration.ofSeconds(30),
                        binDir.resolve("pg_ctl").toString(),
                        "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "20", "stop");
            } catch (RuntimeException e) {
                System.err.println("PostgresServer: pg_ctl stop failed, killing the postmaster: " + e.getMessage());
                killPostmasterIfRunning();
            }
        }
        deleteRecursively(baseDir);
    }

    /**
     * At JVM exit this hook runs beside Spring's, which is closing the test contexts and their connection pools. If
     * the server went first, a pool asking for a connection while it closes would wait its full 30 s connection
     * timeout (surefire then reports it killed the forked JVM). So: wait, for a while, until no client is connected.
     */
    private void awaitClientsGone(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (Connection c = connect("postgres");
             PreparedStatement others = c.prepareStatement("select count(*) from pg_stat_activity"
                     + " where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = others.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        } catch (SQLException | RuntimeException e) {
            // the server is not answering: stop it anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the postmaster named in postmaster.pid, if that process is still alive. */
    private void killPostmasterIfRunning() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isPresent()) {
                ph.get().destroyForcibly(); // SIGKILL; the backends exit when the postmaster is gone
                ph.get().onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("PostgresServer: could not kill the postmaster: " + e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // keep going; report once below
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("PostgresServer: could not delete " + dir + ": " + e);
        }
    }

    // ------------------------------------------------------------------ processes

    /** Runs a command (as {@link #osUser} when set), output appended to the command log. */
    private void run(String what, Duration timeout, String... command) {
        List<String> cmd = new ArrayList<>();
        if (osUser != null) {
            cmd.add(findRunuser());
            cmd.add("-u");
            cmd.add(osUser);
            cmd.add("--");
        }
        cmd.addAll(List.of(command));
        try {
            Files.writeString(commandLog, "\n$ " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write " + commandLog + ": " + e, e);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(baseDir.toFile()) // the server's OS user must be able to enter its cwd
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(commandLog.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // keep the caller's PG* settings (PGPORT, PGDATA, PGHOST, ...) away from the binaries
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not be started (" + String.join(" ", cmd) + "): "
                    + e.getMessage(), e);
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(p);
            throw new IllegalStateException(what + " was interrupted", e);
        }
        if (!finished) {
            destroyTree(p);
            throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds()
                    + " s and was killed (" + String.join(" ", cmd) + ")" + logTails());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + p.exitValue()
                    + " (" + String.join(" ", cmd) + ")" + logTails());
        }
    }

    private static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private String logTails() {
        StringBuilder sb = new StringBuilder();
        for (Path log : List.of(commandLog, serverLog)) {
            if (Files.exists(log)) {
                sb.append("\n---- last lines of ").append(log).append(" ----\n").append(tail(log));
            }
        }
        return sb.toString();
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Could not find a free TCP port on " + HOST + ": " + e, e);
        }
    }

    // ------------------------------------------------------------------ environment

    /** The directory holding initdb, pg_ctl and postgres. */
    static Path findBinDir() {
        String override = System.getProperty(PG_BIN_PROPERTY);
        String source = "system property " + PG_BIN_PROPERTY;
        if (override == null || override.isBlank()) {
            override = System.getenv(PG_BIN_ENV);
            source = "environment variable " + PG_BIN_ENV;
        }
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override.trim());
            if (!hasServerBinaries(dir)) {
                throw new IllegalStateException("The " + source + " is '" + override
                        + "', but that directory does not hold executable initdb, pg_ctl and postgres. "
                        + INSTALL_HINT);
            }
            return dir;
        }
        if (Files.isDirectory(DEBIAN_PG_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_PG_ROOT)) {
                Optional<Path> best = versions
                        .filter(v -> hasServerBinaries(v.resolve("bin")))
                        .max((a, b) -> compareVersionKeys(versionKey(a.getFileName().toString()),
                                versionKey(b.getFileName().toString())));
                if (best.isPresent()) {
                    return best.get().resolve("bin");
                }
            } catch (IOException e) {
                // fall through to PATH
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty() && hasServerBinaries(Path.of(entry))) {
                    return Path.of(entry);
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found "
                + "under " + DEBIAN_PG_ROOT + "/*/bin or on the PATH, and " + PG_BIN_ENV + " is not set. "
                + INSTALL_HINT);
    }

    private static boolean hasServerBinaries(Path dir) {
        return Stream.of("initdb", "pg_ctl", "postgres")
                .allMatch(b -> Files.isRegularFile(dir.resolve(b)) && Files.isExecutable(dir.resolve(b)));
    }

    /** "15" -> [15], "9.6" -> [9, 6]; non-numeric names sort first. */
    private static List<Integer> versionKey(String name) {
        List<Integer> key = new ArrayList<>();
        for (String part : name.split("\\.")) {
            try {
                key.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                key.add(-1);
            }
        }
        return key;
    }

    private static int compareVersionKeys(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (Throwable t) { // not on a Unix JDK, or module not available
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String findRunuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("The JVM runs as root, and PostgreSQL refuses to run as root, "
                + "but 'runuser' (from util-linux) was not found to run it as the '" + OS_USER_WHEN_ROOT
                + "' user. Run the tests as a non-root user, or install util-linux.");
    }

    private static void chownRecursively(Path dir, String user) throws IOException {
        UserPrincipal owner;
        try {
            owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("The JVM runs as root, and PostgreSQL refuses to run as root, "
                    + "but there is no '" + user + "' system user to run it as. The Debian package creates it: "
                    + "apt-get install -y postgresql. (Or run the tests as a non-root user.)", e);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setOwner(p, owner);
            }
        }
    }
}
