package no.pakkeforlop.api;

import java.util.List;
import no.pakkeforlop.checks.FieldError;
import org.springframework.http.HttpStatus;

/**
 * A refusal a controller answers with a problem: its status, a message for staff and the
 * fields concerned. For the web edge only (controllers); services throw the domain's
 * refusals ({@code checks.InputRefusedException}, {@code PathwayNotFoundException},
 * {@code PathwayConflictException}), which {@link Refusals} maps to HTTP.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    private final transient List<FieldError> errors;

    public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, Refusals.badRequestDetail(errors), errors);
    }

    public static ApiException badRequest(String field, String message) {
        return badRequest(List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail, List.of());
    }

    public static ApiException conflict(String field, String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

}
