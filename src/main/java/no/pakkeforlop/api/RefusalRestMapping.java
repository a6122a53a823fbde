package no.pakkeforlop.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.pakkeforlop.refusals.ActivePathwayExistsException;
import no.pakkeforlop.refusals.InputRefusedException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's REST layer answers a start or a start form that our intake refuses with 500
 * ("Cannot instantiate process definition ...": its start resources catch every engine
 * exception as a server error). A refusal of input is the caller's mistake: this answers
 * it 400 with the same JSON and message, as task completions already are; a patient whose
 * pathway already runs is 409; a refused task completion keeps Camunda's 400 and message
 * and gains the refusal's {@code errors}; every other error goes to Camunda's own handler
 * unchanged.
 */
@Configuration
public class RefusalRestMapping {

    @Bean
    ResourceConfigCustomizer refusalsAreBadRequests() {
        return config -> config.register(RefusalMapper.class);
    }

    @Priority(Priorities.USER - 1000)
    public static class RefusalMapper implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            Optional<InputRefusedException> refusal = Refusals.inputRefusal(exception);
            if (exception.getStatus() == null || exception.getStatus().getStatusCode() < 500) {
                Response answer = camunda.toResponse(exception);
                return refusal.isPresent() && answer.getEntity() instanceof ExceptionDto dto
                        ? withFieldErrors(answer, dto, refusal.get()) : answer;
            }
            if (refusal.isEmpty()) {
                return camunda.toResponse(exception);
            }
            boolean activePathway = refusal.get() instanceof ActivePathwayExistsException;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "InvalidRequestException");
            body.put("message", activePathway ? refusal.get().getMessage() : exception.getMessage());
            return Response.status(activePathway ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST)
                .entity(body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
        }

        /**
         * A refused task completion (400): Camunda's answer as it is (Tasklist shows its
         * message), with the refusal's {@code errors}, {@code [{field, message}]}, as the
         * application's own API gives them.
         */
        private static Response withFieldErrors(Response answer, ExceptionDto dto, InputRefusedException refusal) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", dto.getType());
            body.put("message", dto.getMessage());
            body.put("code", dto.getCode());
            body.put("errors", refusal.errors());
            return Response.status(answer.getStatus()).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
        }

    }

}
