package no.pakkeforlop.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import no.pakkeforlop.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Nodes on one PostgreSQL database start one at a time; on H2 the lock does nothing. */
class DatabaseStartupLockTest {

    static TestPostgres server;
    static String url;

    @BeforeAll
    static void database() {
        server = TestPostgres.shared();
        url = server.createUniqueDatabase("startup_lock");
    }

    @Test
    void aSecondNodeWaitsUntilTheFirstIsReady() throws Exception {
        DatabaseStartupLock first = new DatabaseStartupLock();
        DatabaseStartupLock second = new DatabaseStartupLock();
        first.postProcessAfterInitialization(postgres(), "dataSource");
        assertThat(heldLocks()).isOne();

        CompletableFuture<Object> secondStarting = CompletableFuture
            .supplyAsync(() -> second.postProcessAfterInitialization(postgres(), "dataSource"));
        assertThatThrownBy(() -> secondStarting.get(1500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        first.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        assertThat(secondStarting.get(10, TimeUnit.SECONDS)).isInstanceOf(DataSource.class);
        assertThat(heldLocks()).isOne();
        second.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        assertThat(heldLocks()).isZero();
    }

    @Test
    void aNodeThatDiesWhileStartingLeavesNoLockBehind() throws Exception {
        SingleConnectionDataSource dying = new SingleConnectionDataSource(url, server.username(), server.password(),
                true);
        new DatabaseStartupLock().postProcessAfterInitialization(dying, "dataSource");
        assertThat(heldLocks()).isOne();
        dying.destroy(); // the connection goes, as when the JVM is killed

        DatabaseStartupLock next = new DatabaseStartupLock();
        CompletableFuture<Object> starting = CompletableFuture
            .supplyAsync(() -> next.postProcessAfterInitialization(postgres(), "dataSource"));
        assertThat(starting.get(10, TimeUnit.SECONDS)).isInstanceOf(DataSource.class);
        next.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        assertThat(heldLocks()).isZero();
    }

    @Test
    void onH2NothingIsLocked() throws Exception {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:startup-lock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        DatabaseStartupLock lock = new DatabaseStartupLock();
        assertThat(lock.postProcessAfterInitialization(h2, "dataSource")).isSameAs(h2);
        try (Connection c = h2.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        lock.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
    }

    private static DataSource postgres() {
        return new DriverManagerDataSource(url, server.username(), server.password());
    }

    private static int heldLocks() {
        return new JdbcTemplate(postgres()).queryForObject(
                "select count(*) from pg_locks where locktype = 'advisory' "
                        + "and granted and database = (select oid from pg_database where datname = current_database())",
                Integer.class);
    }

}
