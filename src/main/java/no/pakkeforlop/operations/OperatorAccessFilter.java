package no.pakkeforlop.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /actuator/**} on the application's port: the two probes answer anybody
 * (and say only UP or DOWN); everything else, metrics and the Prometheus scrape included,
 * needs HTTP Basic of an engine user in {@code camunda-admin} (an operator). Without
 * valid credentials 401, with a user outside the group 403.
 */
public class OperatorAccessFilter extends OncePerRequestFilter {

    /** What a load balancer or an orchestrator may ask without credentials. */
    static final Set<String> OPEN = Set.of("/actuator/health/liveness", "/actuator/health/readiness");

    private final ObjectProvider<IdentityService> identity;

    public OperatorAccessFilter(ObjectProvider<IdentityService> identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (OPEN.contains(path) && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            chain.doFilter(request, response);
            return;
        }
        String[] credentials = basic(request.getHeader(HttpHeaders.AUTHORIZATION));
        IdentityService users = identity.getObject();
        if (credentials == null || !users.checkPassword(credentials[0], credentials[1])) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"pakkeforlop-drift\", charset=\"UTF-8\"");
            refuse(response, HttpStatus.UNAUTHORIZED,
                    "Oppgi brukernavn og passord til en driftsansvarlig (HTTP Basic).");
            return;
        }
        if (users.createGroupQuery().groupMember(credentials[0]).groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            refuse(response, HttpStatus.FORBIDDEN, "Bare administratorer (camunda-admin) har tilgang til driftsdata.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
            .write("{\"status\":" + status.value() + ",\"title\":\"" + status.getReasonPhrase() + "\",\"detail\":\""
                    + detail + "\"}");
    }

    /** User and password of an HTTP Basic header, or null. */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

}
