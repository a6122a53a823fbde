package no.pakkeforlop.operations;

import java.util.List;
import no.pakkeforlop.api.Problems;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * On {@code /api}: a request that collided with another change of the same pathway is 409
 * "prøv igjen", not 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PathwayBusyAdvice {

    @ExceptionHandler({ PathwayBusyException.class, OptimisticLockingException.class })
    ResponseEntity<ProblemDetail> busy() {
        return ResponseEntity.status(HttpStatus.CONFLICT)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(Problems.of(HttpStatus.CONFLICT, PathwayBusyException.MESSAGE, List.of()));
    }

}
