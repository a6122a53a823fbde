package no.pakkeforlop.security.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import no.pakkeforlop.api.Problems;
import no.pakkeforlop.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What each door answers when it refuses, in Norwegian and in the door's own shape: the
 * pathway API and the actuator a problem ({@code application/problem+json}), engine REST
 * and the web applications' API Camunda's {@code {type, message}}. 401 carries the HTTP
 * Basic challenge, 429 (too many failed logins) {@code Retry-After}.
 */
final class DoorAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DoorAnswers.class);

    enum Shape {

        PROBLEM, CAMUNDA

    }

    private final ObjectMapper json;

    private final Shape shape;

    private final String realm;

    private final String unauthorized;

    private final String forbidden;

    DoorAnswers(ObjectMapper json, Shape shape, String realm, String unauthorized, String forbidden) {
        this.json = json;
        this.shape = shape;
        this.realm = realm;
        this.unauthorized = unauthorized;
        this.forbidden = forbidden;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        if (refused instanceof LoginsLimitedException limited) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.seconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, tooMany(limited.seconds()));
            return;
        }
        if (realm != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        }
        write(response, HttpStatus.UNAUTHORIZED, unauthorized);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, forbidden);
    }

    static String tooMany(long seconds) {
        return "For mange mislykkede innlogginger. Prøv igjen om " + Math.max(1, (seconds + 59) / 60) + " minutt(er).";
    }

    void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        write(response, json, shape, status, message, "AuthenticationException");
    }

    static void write(HttpServletResponse response, ObjectMapper json, Shape shape, HttpStatus status, String message,
            String type) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (shape == Shape.PROBLEM) {
            Problems.write(response, json, status, message);
            return;
        }
        ObjectNode body = json.createObjectNode().put("type", type).put("message", message);
        response.setStatus(status.value());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(body));
    }

    /**
     * The firewall's refusal of an address (a path parameter {@code ;x}, an encoded
     * slash, period or percent, a backslash, a control character) on every door: 400,
     * logged.
     */
    static RequestRejectedHandler rejected(ObjectMapper json) {
        return (request, response, rejected) -> {
            LOG.info("Request refused by the firewall: {} {} ({})", request.getMethod(),
                    LogText.safe(request.getRequestURI()), LogText.safe(reason(rejected)));
            Problems.write(response, json, HttpStatus.BAD_REQUEST, "Adressen inneholder tegn eller deler som ikke er "
                    + "tillatt (for eksempel ; eller kodede skråstreker, punktum eller prosenttegn).");
        };
    }

    private static String reason(RequestRejectedException rejected) {
        String message = rejected.getMessage();
        return message == null ? "rejected" : message.length() > 200 ? message.substring(0, 200) : message;
    }

}
