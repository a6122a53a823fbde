package no.pakkeforlop.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code /engine-rest} error answers say what went wrong, never the engine's internal
 * exception text (which can hold SQL, class names and the values of variables). An error
 * keeps its message when it is meant for people (the staff's validation messages, "no
 * permission", "not found"); one that looks internal (engine codes, exception and class
 * names, SQL) gets the short message of its status instead, a server error (5xx) with an
 * id that is logged. Camunda's JSON shape ({@code type}, {@code message}) stays.
 */
public class EngineRestErrors extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRestErrors.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern INTERNAL = Pattern.compile(
            "ENGINE-\\d|Exception|java\\.|javax\\.|jakarta\\.|org\\.|com\\.|\\bSQL|###|\\bat [a-z]+\\.|Cause:|Error querying"
                    + "|\\[Source:|StreamReadFeature|line: \\d+, column: \\d+");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
        }
        finally {
            int status = wrapper.getStatus();
            if (status >= 400 && wrapper.getContentSize() > 0) {
                byte[] body = wrapper.getContentAsByteArray();
                String replaced = replace(status, new String(body, StandardCharsets.UTF_8));
                if (replaced != null) {
                    wrapper.resetBuffer();
                    byte[] bytes = replaced.getBytes(StandardCharsets.UTF_8);
                    wrapper.setContentType("application/json;charset=UTF-8");
                    wrapper.getOutputStream().write(bytes);
                }
            }
            wrapper.copyBodyToResponse();
        }
    }

    /** The answer to send instead, or null to keep it. */
    static String replace(int status, String body) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        }
        catch (IOException e) {
            parsed = null;
        }
        // Camunda's own errors are JSON; anything else (a parser's text) is replaced
        String message = parsed != null && parsed.isObject() ? parsed.path("message").asText("") : "";
        if (!message.isBlank() && !INTERNAL.matcher(message).find()) {
            return null;
        }
        ObjectNode answer = JSON.createObjectNode();
        String type = parsed != null && parsed.isObject() ? parsed.path("type").asText("") : "";
        answer.put("type", type.isBlank() ? (status >= 500 ? "ServerError" : "RequestError") : type);
        if (status >= 500) {
            String id = UUID.randomUUID().toString();
            // the original text may hold variable values: only its kind and the id are
            // logged
            LOG.warn("engine-rest answered {} ({}), error id {}", status, answer.get("type").asText(), id);
            answer.put("message",
                    "Det oppstod en feil i prosessmotoren, og ingenting ble endret. Feil-id: " + id + ".");
        }
        else {
            answer.put("message", switch (status) {
                case 401 -> "Innlogging kreves.";
                case 403 -> "Du har ikke tilgang til dette.";
                case 404 -> "Finnes ikke.";
                case 409 -> "Endringen kolliderte med en annen endring. Prøv igjen.";
                default -> "Forespørselen er ugyldig (feil type, verdi eller format), og ingenting ble endret.";
            });
        }
        try {
            return JSON.writeValueAsString(answer);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
