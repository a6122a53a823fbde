package no.pakkeforlop.accesslog;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the access log as long as the pathway's history: a row goes when it is older than
 * {@code pakkeforlop.access-log.retention} (default 3650 days, the process's
 * historyTimeToLive) and its pathway ended longer ago than that (or its history is gone);
 * a row of no pathway when it is older than that. Runs an hour after start and then once
 * a day, on every node (the delete is the same wherever it runs).
 */
@Component
public class AccessLogRetention implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogRetention.class);

    private final AccessLog log;

    private final Duration retention;

    private ScheduledExecutorService timer;

    public AccessLogRetention(AccessLog log, @Value("${pakkeforlop.access-log.retention:P3650D}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("pakkeforlop.access-log.retention må være positiv, ikke " + retention);
        }
        this.log = log;
        this.retention = retention;
    }

    /**
     * Deletes what has been kept long enough at the given moment; returns how many rows.
     */
    public int deleteExpired(Instant now) {
        int deleted = log.deleteBefore(now.minus(retention));
        if (deleted > 0) {
            LOG.info("Access log: deleted {} rows kept longer than {}", deleted, retention);
        }
        return deleted;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-log-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                deleteExpired(Instant.now());
            }
            catch (RuntimeException e) {
                LOG.warn("Access log: the retention cleanup failed; trying again tomorrow", e);
            }
        }, 60, 24 * 60, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

}
