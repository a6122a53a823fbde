package no.pakkeforlop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * The answers of the web applications' plugin resources (the Cockpit plugin, the Tasklist
 * plugin): JAX-RS responses with the application's own JSON, the same problem JSON as
 * {@code /api} for a refusal, and 403 for a user outside the groups.
 */
public final class PluginAnswers {

    private final ObjectMapper json;

    public PluginAnswers(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The body as JSON when the user may have it; 403 with the Norwegian reason when not;
     * a refusal of the services as {@code /api} answers it.
     */
    public Response answer(boolean allowed, String forbidden, Supplier<Object> body) {
        if (!allowed) {
            return json(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN, forbidden, List.of()));
        }
        try {
            return json(HttpStatus.OK, body.get());
        }
        catch (RuntimeException e) {
            Refusals.Answer refusal = Refusals.answer(e).orElseThrow(() -> e);
            return json(refusal.status(), refusal.body());
        }
    }

    public Response json(HttpStatus status, Object body) {
        try {
            String type = status.isError() ? "application/problem+json" : MediaType.APPLICATION_JSON;
            return Response.status(status.value())
                .type(type + ";charset=UTF-8")
                .entity(json.writeValueAsString(body))
                .build();
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the plugin's answer as JSON", e);
        }
    }

}
