package no.pakkeforlop.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With WRITE_DELAY=0 (the default URL: nothing acknowledged is lost when the JVM is
 * killed) H2 does no housekeeping of its own, and the file keeps every mostly-dead chunk.
 * The same work of many small commits, with and without {@link H2FileHousekeeping}: the
 * file without it ends up more than twice as large, the data the same.
 */
class H2FileHousekeepingTest {

    @TempDir
    Path dir;

    @Test
    void housekeepingKeepsTheFileFromGrowingWithSmallCommits() throws Exception {
        long without = run(dir.resolve("without"), false);
        long with = run(dir.resolve("with"), true);
        assertThat(with).as("file with housekeeping %d bytes, without %d bytes", with, without).isLessThan(without / 2);
    }

    @Test
    void nothingHappensWithoutAFileDatabase() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");
        H2FileHousekeeping housekeeping = new H2FileHousekeeping(memory, Duration.ofSeconds(1));
        assertThat(housekeeping.compact()).isFalse();
        housekeeping.start();
        assertThat(housekeeping.isRunning()).isFalse();
    }

    @Test
    void aNonPositiveIntervalIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new H2FileHousekeeping(new JdbcDataSource(), Duration.ZERO))
            .hasMessageContaining("housekeeping-interval");
    }

    /**
     * 4,000 commits like the engine's: each adds a row that stays (history) and changes
     * one that does not (runtime state), so every chunk H2 writes keeps a little live
     * data. Returns the file's size.
     */
    private static long run(Path directory, boolean housekeeping) throws Exception {
        JdbcDataSource source = new JdbcDataSource();
        // RETENTION_TIME=0: chunks with no live data are reused at once, so what is left
        // is what only housekeeping frees
        source.setURL("jdbc:h2:file:" + directory.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        H2FileHousekeeping keeper = new H2FileHousekeeping(source, Duration.ofHours(1));
        try (Connection connection = source.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table pathway_history (id int primary key, note varchar(2000))");
                ddl.execute("create table pathway_state (id int primary key, note varchar(2000))");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement history = connection.prepareStatement("insert into pathway_history values (?, ?)");
                    PreparedStatement state = connection
                        .prepareStatement("merge into pathway_state key (id) values (?, ?)")) {
                for (int i = 0; i < 4000; i++) {
                    String note = ("notat " + i + " ").repeat(200).substring(0, 500);
                    history.setInt(1, i);
                    history.setString(2, note);
                    history.executeUpdate();
                    state.setInt(1, i % 50);
                    state.setString(2, note);
                    state.executeUpdate();
                    connection.commit();
                    if (housekeeping && i % 200 == 199) {
                        assertThat(keeper.compact()).isTrue();
                    }
                }
            }
            try (Statement query = connection.createStatement();
                    ResultSet rows = query.executeQuery("select count(*), sum(length(note)) from pathway_history")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(4000);
                assertThat(rows.getLong(2)).isEqualTo(2_000_000);
            }
            long size = Files.size(directory.resolve("db.mv.db"));
            try (Statement shutdown = connection.createStatement()) {
                shutdown.execute("shutdown immediately");
            }
            return size;
        }
    }

}
