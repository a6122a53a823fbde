package no.pakkeforlop.api;

import java.util.List;
import java.util.Optional;
import no.pakkeforlop.refusals.ActivePathwayExistsException;
import no.pakkeforlop.refusals.FieldError;
import no.pakkeforlop.refusals.InputRefusedException;
import no.pakkeforlop.refusals.PathwayConflictException;
import no.pakkeforlop.refusals.PathwayNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one place where the services' refusals become HTTP: refused input 400, an unknown
 * pathway 404, a conflict with the pathway as it stands 409 (also a referral for a
 * patient whose pathway runs, with that pathway's referral id). The API's exception
 * handler, the Cockpit plugin's resource and the engine REST mapping
 * ({@link RefusalRestMapping}) all answer from here, so the services know nothing of
 * HTTP.
 */
public final class Refusals {

    /** The status and the problem body of a refusal. */
    public record Answer(HttpStatus status, ProblemDetail body) {
    }

    private Refusals() {
    }

    /** The answer to a refusal, or empty when the exception is not one. */
    public static Optional<Answer> answer(Throwable e) {
        if (e instanceof ActivePathwayExistsException active) {
            Answer answer = answer(HttpStatus.CONFLICT, active.getMessage(), active.errors());
            answer.body().setProperty("activeReferralId", active.activeReferralId());
            return Optional.of(answer);
        }
        if (e instanceof InputRefusedException refused) {
            return Optional.of(answer(HttpStatus.BAD_REQUEST, badRequestDetail(refused.errors()), refused.errors()));
        }
        if (e instanceof PathwayNotFoundException notFound) {
            return Optional.of(answer(HttpStatus.NOT_FOUND, notFound.getMessage(), List.of()));
        }
        if (e instanceof PathwayConflictException conflict) {
            return Optional.of(answer(HttpStatus.CONFLICT, conflict.getMessage(), conflict.errors()));
        }
        return Optional.empty();
    }

    /**
     * The detail of every 400 with field errors: how many fields are wrong (each error
     * says what).
     */
    public static String badRequestDetail(List<FieldError> errors) {
        return "Forespørselen har feil i " + errors.size() + (errors.size() == 1 ? " felt." : " felter.");
    }

    /**
     * The input refusal somewhere behind an exception (the engine wraps what a listener
     * or delegate throws).
     */
    public static Optional<InputRefusedException> inputRefusal(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputRefusedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private static Answer answer(HttpStatus status, String detail, List<FieldError> errors) {
        return new Answer(status, Problems.of(status, detail, errors));
    }

}
