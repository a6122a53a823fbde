package no.pakkeforlop.operations;

import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * A request collided with another change of the same pathway (typically a deadline's
 * timer job) and was not saved: nothing is half-written, and sending it again is safe.
 * Camunda's REST API (and so Tasklist) and the pathway API answer it with 409 and this
 * Norwegian message instead of a server error.
 */
public class PathwayBusyException extends RestException {

    public static final String MESSAGE = "Forløpet ble endret av noe annet i samme øyeblikk (for eksempel en frist "
            + "som løp ut). Ingenting er lagret; prøv igjen.";

    public PathwayBusyException(Exception cause) {
        super(Response.Status.CONFLICT, cause, MESSAGE);
    }

}
