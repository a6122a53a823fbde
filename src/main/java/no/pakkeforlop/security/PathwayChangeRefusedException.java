package no.pakkeforlop.security;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A staff member tried to change a pathway other than through their own tasks. An
 * {@link AuthorizationException}, so engine REST and the web applications answer 403 with
 * this message, and nothing is changed.
 */
public class PathwayChangeRefusedException extends AuthorizationException {

    public PathwayChangeRefusedException(String message) {
        super(message);
    }

}
