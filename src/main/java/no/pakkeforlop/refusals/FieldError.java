package no.pakkeforlop.checks;

/** One refused field: its variable name and a message for staff, in Norwegian. */
public record FieldError(String field, String message) {
}
