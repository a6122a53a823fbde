package no.pakkeforlop.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import no.pakkeforlop.refusals.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Problem details (RFC 9457) as the API answers every error: {@code title},
 * {@code status}, {@code detail} and {@code errors} [{field, message}], in Norwegian for
 * staff, never with exception text.
 */
public final class Problems {

    private static final Map<Integer, String> TITLES = Map.of(400, "Ugyldig forespørsel", 401, "Innlogging kreves", 403,
            "Ingen tilgang", 404, "Finnes ikke", 405, "Metoden er ikke tillatt", 406, "Formatet kan ikke leveres", 409,
            "Konflikt", 415, "Innholdstypen støttes ikke", 500, "Intern feil");

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title(status.value()));
        problem.setProperty("errors", errors);
        return problem;
    }

    public static String title(int status) {
        return TITLES.getOrDefault(status, HttpStatus.valueOf(status).getReasonPhrase());
    }

    /**
     * Writes a problem (JSON, so UTF-8) straight to the response, for filters and
     * interceptors that answer first.
     */
    public static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), of(status, detail, List.of()));
    }

}
