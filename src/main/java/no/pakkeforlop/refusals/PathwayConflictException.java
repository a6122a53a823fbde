package no.pakkeforlop.refusals;

import java.util.List;

/**
 * A request that contradicts the pathway as it stands: a referral id already registered
 * with other content, an action on a pathway that has ended (the web edge answers 409).
 * The field, when one is to blame, is named.
 */
public class PathwayConflictException extends RuntimeException {

    private final String field;

    public PathwayConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field to blame, as a field error with the message, or none. */
    public List<FieldError> errors() {
        return field == null ? List.of() : List.of(new FieldError(field, getMessage()));
    }

}
