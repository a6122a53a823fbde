package no.pakkeforlop.refusals;

/** One refused field: its variable name and a message for staff, in Norwegian. */
public record FieldError(String field, String message) {
}
