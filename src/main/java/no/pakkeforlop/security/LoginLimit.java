package no.pakkeforlop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import no.pakkeforlop.api.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guessing passwords from one client address is limited: after {@code failures} failed
 * logins within {@code window} (HTTP Basic on {@code /api} and {@code /engine-rest}, the
 * web applications' login form), the address gets {@code 429} for every login until the
 * window has passed. It complements the engine's per-user delay, which never locks a user
 * for good ({@code loginMaxAttempts} is unlimited): a stranger can slow his own address
 * down, not lock anybody out. Per node and in memory; behind a proxy the client address
 * is the forwarded one ({@code server.forward-headers-strategy}).
 */
public class LoginLimit extends OncePerRequestFilter {

    private static final int MAX_ADDRESSES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(LoginLimit.class);

    private final int failures;

    private final Duration window;

    private final Clock clock;

    private final ObjectMapper json;

    private final Map<String, Deque<Long>> failed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public LoginLimit(int failures, Duration window, Clock clock, ObjectMapper json) {
        this.failures = failures;
        this.window = window;
        this.clock = clock;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean login = request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getRequestURI().contains("/auth/user/") && "POST".equals(request.getMethod());
        if (!login) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        long retryAfter = blockedFor(address);
        if (retryAfter > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            Problems.write(response, json, HttpStatus.TOO_MANY_REQUESTS, "For mange mislykkede innlogginger fra denne "
                    + "adressen. Prøv igjen om " + Math.max(1, retryAfter / 60) + " minutt(er).");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            recordFailure(address);
            // the web applications log their own logins
            // (webappsAuthenticationLoggingEnabled); these are HTTP Basic ones
            BasicCredentials.from(request.getHeader(HttpHeaders.AUTHORIZATION))
                .ifPresent(credentials -> LOG.info("Failed login for user {} from {} ({})", credentials.userId(),
                        address, area(request)));
        }
    }

    private static String area(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/engine-rest") ? "engine-rest" : path.startsWith("/api") ? "api" : "web";
    }

    /** Seconds the address must wait, 0 when it may try. */
    synchronized long blockedFor(String address) {
        Deque<Long> times = failed.get(address);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            failed.remove(address);
            return 0;
        }
        return times.size() >= failures ? Math.max(1, (times.peekFirst() + window.toMillis() - now + 999) / 1000) : 0;
    }

    synchronized void recordFailure(String address) {
        failed.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(clock.millis());
    }

}
