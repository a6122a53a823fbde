package no.pakkeforlop.security.web;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins from this address (or of this user from it): answer 429. */
final class LoginsLimitedException extends AuthenticationException {

    private final long seconds;

    LoginsLimitedException(long seconds) {
        super("Too many failed logins; try again in " + seconds + " s");
        this.seconds = seconds;
    }

    long seconds() {
        return seconds;
    }

}
