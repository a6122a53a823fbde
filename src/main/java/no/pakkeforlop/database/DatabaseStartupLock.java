package no.pakkeforlop.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, nodes that share the database start one at a time: a node takes a
 * PostgreSQL advisory lock as soon as its DataSource exists and keeps it until it is
 * ready (or has failed), so the steps that write to a shared, perhaps still empty
 * database never race: Liquibase creating Camunda's schema (it creates its own
 * DATABASECHANGELOG table before it takes its lock, so two nodes on an empty database
 * collide), Flyway, the deployment of the process, the admin user and the staff groups. A
 * node that dies while holding the lock loses its connection, and with it the lock.
 * Nothing happens on other databases (H2 runs in one process).
 */
@Component
public class DatabaseStartupLock implements BeanPostProcessor, ApplicationListener<ApplicationEvent> {

    /** The advisory lock's key, in the database's own key space ("pathway start-up"). */
    static final long LOCK_KEY = 0x5041_5448_5354_4152L;

    private static final Duration WAIT = Duration.ofMinutes(10);

    private static final Duration POLL = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(DatabaseStartupLock.class);

    private Connection holder;

    private boolean taken;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !taken) {
            taken = true;
            acquire(dataSource);
        }
        return bean;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent
                || event instanceof ContextClosedEvent) {
            release();
        }
    }

    private synchronized void acquire(DataSource dataSource) {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean told = false;
            while (!tryLock(connection)) {
                if (System.nanoTime() > deadline) {
                    connection.close();
                    throw new IllegalStateException("Another node has been starting on this database for more than "
                            + WAIT.toMinutes() + " minutes (PostgreSQL advisory lock " + LOCK_KEY + "); giving up");
                }
                if (!told) {
                    log.info("Another node is starting on this database; waiting until it is ready");
                    told = true;
                }
                Thread.sleep(POLL.toMillis());
            }
            holder = connection;
            log.debug("Holding the start-up lock of the database");
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not take the start-up lock of the database: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the start-up lock of the database", e);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private synchronized void release() {
        if (holder == null) {
            return;
        }
        // the lock belongs to the session: unlock before the connection goes back to the
        // pool
        try (Connection connection = holder;
                PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        }
        catch (SQLException e) {
            log.warn("Could not release the start-up lock of the database: {}", e.getMessage());
        }
        finally {
            holder = null;
        }
    }

}
