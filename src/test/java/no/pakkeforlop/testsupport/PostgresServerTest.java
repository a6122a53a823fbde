package no.pakkeforlop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Starts the shared throwaway PostgreSQL server. Fails (never skips) when the PostgreSQL binaries are
 * missing; the failure message says how to install them.
 */
class PostgresServerTest {

    @Test
    void sharedServerIsASingletonAndReportsPostgresql() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        assertThat(PostgresServer.shared()).isSameAs(server);
        assertThat(server.port()).isPositive();
        assertThat(server.serverVersion()).contains("PostgreSQL");
        assertThat(Files.isDirectory(server.baseDirectory())).isTrue();

        String url = server.createUniqueDatabase("version_check");
        try (Connection c = DriverManager.getConnection(url, server.username(), server.password());
                Statement s = c.createStatement()) {
            assertThat(queryString(s, "SELECT version()")).contains("PostgreSQL");
            assertThat(queryString(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(queryString(s, "SHOW fsync")).isEqualTo("off");
            assertThat(queryString(s, "SHOW synchronous_commit")).isEqualTo("off");
            assertThat(queryString(s, "SHOW full_page_writes")).isEqualTo("off");
            assertThat(queryString(s, "SHOW max_connections")).isEqualTo("200");
            assertThat(queryString(s, "SHOW server_encoding")).isEqualTo("UTF8");
        }
    }

    @Test
    void twoDatabasesAreSeparate() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String urlA = server.createUniqueDatabase("isolation_a");
        String urlB = server.createUniqueDatabase("isolation_b");
        assertThat(urlA).isNotEqualTo(urlB).startsWith("jdbc:postgresql://127.0.0.1:" + server.port() + "/");

        try (Connection a = DriverManager.getConnection(urlA, server.username(), server.password());
                Connection b = DriverManager.getConnection(urlB, server.username(), server.password())) {
            String dbA;
            String dbB;
            try (Statement s = a.createStatement()) {
                dbA = queryString(s, "SELECT current_database()");
                s.execute("CREATE TABLE pasient (id BIGINT PRIMARY KEY, navn TEXT NOT NULL)");
            }
            try (PreparedStatement ps = a.prepareStatement("INSERT INTO pasient (id, navn) VALUES (?, ?)")) {
                ps.setLong(1, 1L);
                ps.setString(2, "Kari Nordmann – æøå");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (Statement s = a.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, navn FROM pasient")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("id")).isEqualTo(1L);
                assertThat(rs.getString("navn")).isEqualTo("Kari Nordmann – æøå");
                assertThat(rs.next()).isFalse();
            }

            try (Statement s = b.createStatement()) {
                dbB = queryString(s, "SELECT current_database()");
                assertThat(queryString(s, "SELECT count(*) FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_name = 'pasient'")).isEqualTo("0");
            }
            assertThat(dbA).isNotEqualTo(dbB);
            assertThat(urlA).endsWith("/" + dbA);
            assertThat(urlB).endsWith("/" + dbB);
        }
    }

    @Test
    void createDatabaseWithAFixedNameRejectsDuplicatesAndBadNames() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String name = "fixed_name_" + ProcessHandle.current().pid();
        String url = server.createDatabase(name);
        assertThat(url).isEqualTo(server.jdbcUrl(name));
        try (Connection c = server.connect(name); Statement s = c.createStatement()) {
            assertThat(queryString(s, "SELECT current_database()")).isEqualTo(name);
        }
        assertThatThrownBy(() -> server.createDatabase(name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> server.createDatabase("bad\"; DROP DATABASE postgres; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongPasswordIsRejectedOverTcp() {
        PostgresServer server = PostgresServer.shared();
        assertThatThrownBy(() -> DriverManager.getConnection(
                        server.jdbcUrl("postgres"), server.username(), server.password() + "x").close())
                .isInstanceOf(SQLException.class);
    }

    private static String queryString(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }
}
