package no.pakkeforlop.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 file database only: rewrites the file's sparse chunks, as H2's own
 * background writer would.
 *
 * <p>
 * The default URL has {@code WRITE_DELAY=0}, so every commit is in the file before the
 * caller hears of it (with H2's default delay a killed JVM lost acknowledged referrals:
 * crash.CrashRecoveryIT). But H2 then runs no background writer, and that writer is also
 * what rewrites chunks that keep only a little live data; without it such chunks are
 * never freed and the file only grows (H2FileHousekeepingTest: more than twice the size
 * for the same data). This does that housekeeping every few seconds through H2's own
 * {@link MVStore#compact(int, int)}.
 *
 * <p>
 * What it does not change: H2 keeps overwritten chunks for 45 s (its RETENTION_TIME, a
 * guard against a crash of the operating system), so under sustained load the file grows
 * by what is written in that time; the benchmark's bursts of 10,000 pathways leave a file
 * of several GB. H2 is the database for demonstration and single users; PostgreSQL is the
 * production database. Nothing happens on PostgreSQL or an in-memory H2.
 */
@Component
public class H2FileHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2FileHousekeeping.class);

    /**
     * Chunks less full than this are rewritten (H2's own default for its background
     * housekeeping).
     */
    static final int TARGET_FILL_RATE = 90;

    /** At most this much is rewritten per round, so a round stays short. */
    static final int WRITE_LIMIT_BYTES = 64 * 1024 * 1024;

    private final DataSource dataSource;

    private final Duration interval;

    private ScheduledExecutorService timer;

    public H2FileHousekeeping(DataSource dataSource,
            @Value("${pakkeforlop.h2.housekeeping-interval:PT5S}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "pakkeforlop.h2.housekeeping-interval må være positiv, ikke " + interval);
        }
        this.dataSource = dataSource;
        this.interval = interval;
    }

    /**
     * One round: rewrites sparse chunks of the file database; false when there is no H2
     * file database.
     */
    public boolean compact() {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> store = fileStore(connection);
            if (store.isEmpty()) {
                return false;
            }
            store.get().compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
            return true;
        }
        catch (Exception e) {
            log.warn("H2: rydding i databasefilen feilet, prøver igjen om {}", interval, e);
            return false;
        }
    }

    private static Optional<MVStore> fileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || !session.getDatabase().isPersistent() || session.getDatabase().getStore() == null) {
            return Optional.empty();
        }
        return Optional.of(session.getDatabase().getStore().getMvStore());
    }

    @Override
    public synchronized void start() {
        boolean isFile;
        try (Connection connection = dataSource.getConnection()) {
            isFile = fileStore(connection).isPresent();
        }
        catch (Exception e) {
            throw new IllegalStateException("Kunne ikke undersøke databasen", e);
        }
        if (!isFile) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::compact, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            // no interrupt: an interrupted thread in a FileChannel write closes H2's file
            // under everybody
            timer.shutdown();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

}
