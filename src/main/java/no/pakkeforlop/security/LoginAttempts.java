package no.pakkeforlop.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import no.pakkeforlop.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins, wherever a password is checked ({@link PasswordChecks} sees every check
 * the engine makes: HTTP Basic on {@code /api}, {@code /engine-rest} and
 * {@code /actuator}, the web applications' login, a password change, engine REST's
 * {@code /identity/verify}). Two limits, each within {@code window}:
 * <ul>
 * <li>per client address: after {@code perAddress} failures the address may not log in at
 * all until the window has passed (a guesser slows his own address down);</li>
 * <li>per user from one address: after {@code perUser} failures for one user from one
 * address, that user may not log in from that address. The same user from any other
 * address is not held up, so nobody can lock another person out; the engine's own delay
 * per user (1 s, 2 s, at most 3 s) slows guessing from many addresses.</li>
 * </ul>
 * Every failure is logged with the user and the address (control characters escaped). Per
 * node and in memory; behind a proxy the client address is the forwarded one
 * ({@code server.forward-headers-strategy}).
 */
@Component
public class LoginAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(LoginAttempts.class);

    private static final int MAX_KEYS = 20_000;

    private final int perAddress;

    private final int perUser;

    private final Duration window;

    private final Clock clock;

    private final Map<String, Deque<Long>> failed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    @Autowired
    public LoginAttempts(@Value("${pakkeforlop.security.login-limit.failures:30}") int perAddress,
            @Value("${pakkeforlop.security.login-limit.failures-per-user:10}") int perUser,
            @Value("${pakkeforlop.security.login-limit.window:PT15M}") Duration window) {
        this(perAddress, perUser, window, Clock.systemUTC());
    }

    public LoginAttempts(int perAddress, int perUser, Duration window, Clock clock) {
        if (perAddress < 1 || perUser < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalStateException("pakkeforlop.security.login-limit: failures and failures-per-user must "
                    + "be at least 1 and the window positive (was " + perAddress + ", " + perUser + ", " + window
                    + ")");
        }
        this.perAddress = perAddress;
        this.perUser = perUser;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Seconds before this user may log in from this address again; 0 when now. Without an
     * address (the application's own checks) never limited.
     */
    public synchronized long blockedFor(String address, String userId) {
        if (address == null) {
            return 0;
        }
        return Math.max(wait(address, perAddress), wait(userKey(address, userId), perUser));
    }

    /** A wrong password (or an unknown user) from this address. */
    public void failed(String address, String userId, String door) {
        LOG.info("Failed login for user {} from {} ({})", LogText.safe(userId),
                address == null ? "the application" : address, door);
        if (address == null) {
            return;
        }
        synchronized (this) {
            long now = clock.millis();
            failed.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(now);
            failed.computeIfAbsent(userKey(address, userId), a -> new ArrayDeque<>()).addLast(now);
        }
    }

    /** A login refused unchecked: too many failures. */
    public void refused(String address, String userId, String door, long seconds) {
        LOG.info("Login of user {} from {} ({}) refused for {} s: too many failed logins", LogText.safe(userId),
                address, door, seconds);
    }

    /**
     * The right password: this user's failures from this address are forgotten (the
     * address's are not).
     */
    public synchronized void succeeded(String address, String userId) {
        if (address != null) {
            failed.remove(userKey(address, userId));
        }
    }

    private static String userKey(String address, String userId) {
        return address + "\u0000" + userId;
    }

    private long wait(String key, int limit) {
        Deque<Long> times = failed.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            failed.remove(key);
            return 0;
        }
        // wait until enough of the failures have left the window
        if (times.size() < limit) {
            return 0;
        }
        long oldestThatCounts = times.stream().skip(times.size() - limit).findFirst().orElseThrow();
        return Math.max(1, (oldestThatCounts + window.toMillis() - now + 999) / 1000);
    }

}
