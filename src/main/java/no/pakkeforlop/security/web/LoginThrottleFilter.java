package no.pakkeforlop.security.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.regex.Pattern;
import no.pakkeforlop.security.LoginAttempts;
import no.pakkeforlop.security.web.DoorAnswers.Shape;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web applications' login form ({@code POST
 * /camunda/api/admin/auth/user/{engine}/login/{app}}) answers 429 while the address, or
 * the user from it, is over the login limit, like the HTTP Basic doors. (The limit itself
 * holds wherever a password is checked: {@code security.PasswordChecks}.) The firewall
 * has already refused any other spelling of the address (a path parameter, an encoded
 * slash).
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Pattern LOGIN = Pattern.compile(".*/api/admin/auth/user/[^/]+/login/[^/]+$");

    private final ObjectProvider<LoginAttempts> attempts;

    private final ObjectMapper json;

    LoginThrottleFilter(ObjectProvider<LoginAttempts> attempts, ObjectMapper json) {
        this.attempts = attempts;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !LOGIN.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the form is read here, and again by the login resource, from memory (reading
        // it as servlet parameters would leave the resource an empty body)
        CachedBody body = CachedBody.of(request);
        if (body == null) {
            DoorAnswers.write(response, json, Shape.CAMUNDA, HttpStatus.PAYLOAD_TOO_LARGE, "Forespørselen er for stor.",
                    "InvalidRequestException");
            return;
        }
        long wait = attempts.getObject().blockedFor(request.getRemoteAddr(), username(body));
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            DoorAnswers.write(response, json, Shape.CAMUNDA, HttpStatus.TOO_MANY_REQUESTS, DoorAnswers.tooMany(wait),
                    "AuthenticationException");
            return;
        }
        chain.doFilter(body, response);
    }

    /** The form's {@code username}, or the empty text. */
    static String username(CachedBody body) {
        for (String pair : new String(body.body(), body.charset()).split("&")) {
            String[] field = pair.split("=", 2);
            if (field.length == 2 && field[0].equals("username")) {
                try {
                    return URLDecoder.decode(field[1], body.charset());
                }
                catch (IllegalArgumentException malformed) {
                    return field[1];
                }
            }
        }
        return "";
    }

}
